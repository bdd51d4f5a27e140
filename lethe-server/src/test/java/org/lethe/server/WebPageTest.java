package org.lethe.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.server.service.Principal;
import org.lethe.server.service.Scope;
import org.lethe.server.service.SubmitBody;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The service's page in a real headless Chromium (Debian's chromium and chromium-driver). */
class WebPageTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @Test
    void aReviewerApprovesARequestAndSeesItsCertificate(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "skipped: needs /usr/bin/chromium and /usr/bin/chromedriver (Debian's chromium, chromium-driver)");
        Path model = TinyModels.sisa(tmp.resolve("models/digits"));
        String subject = TinyModels.data().train.subject(0);
        try (LetheServer server = LetheServer.open(LetheServer.Settings.defaults(tmp.resolve("data")))) {
            server.service().catalog().register("digits", model, null);
            Principal alice = server.tokens().create("alice", EnumSet.of(Scope.DELETION_CREATE, Scope.DELETION_READ)).principal();
            String reviewer = server.tokens().create("dpo", EnumSet.of(Scope.DELETION_REVIEW, Scope.DELETION_READ,
                    Scope.LEDGER_READ)).token();
            String id = server.service().submit(alice, new SubmitBody(subject, null, "digits", "Art. 17", "alice", "w1", null))
                    .request().id();
            server.start("127.0.0.1", 0);

            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage");
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
            WebDriver driver = new ChromeDriver(service, options);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
                driver.get("http://127.0.0.1:" + server.port() + "/");
                driver.findElement(By.id("token")).sendKeys(reviewer);
                driver.findElement(By.cssSelector("#login button")).click();
                wait.until(d -> d.findElement(By.id("who")).getText().startsWith("dpo"));
                wait.until(d -> !d.findElements(By.cssSelector("tr[data-id='" + id + "']")).isEmpty());
                assertThat(driver.findElement(By.cssSelector("tr[data-id='" + id + "'] .state")).getText()).isEqualTo("verified");
                driver.findElement(By.cssSelector("tr[data-id='" + id + "'] button.open")).click();
                wait.until(d -> d.findElement(By.id("detail-id")).getText().contains(id));
                driver.findElement(By.id("approve")).click();
                wait.until(d -> d.findElement(By.id("timeline")).getText().contains("queued"));

                server.worker().drain();
                driver.findElement(By.cssSelector("tr[data-id='" + id + "'] button.open")).click();
                wait.until(d -> d.findElement(By.id("certificate")).getText().contains("lethe.deletion-certificate.v1"));
                List<String> timeline = driver.findElements(By.cssSelector("#timeline li")).stream().map(e -> e.getText()).toList();
                assertThat(timeline).hasSize(7);
                assertThat(timeline.get(2)).contains("approved").contains("by dpo");
                driver.findElement(By.id("refresh")).click();
                wait.until(d -> d.findElement(By.id("checkpoint")).getText().startsWith("lethe.local/deletion-ledger"));
                wait.until(d -> d.findElement(By.id("models")).getText().contains("digits-v2"));
            } finally {
                driver.quit();
            }
        }
    }
}
