package org.lethe.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLineTest {
    // A version directory with a record naming its parent; the line needs nothing else to find its head.
    private static Path version(Path tmp, String name, String parent, String subject) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        new DeletionRecord("replay", true, null, List.of(subject + "-1"), List.of(subject), null, null, 1.0,
                tmp.resolve(parent).toAbsolutePath().toString(), dir.toAbsolutePath().toString(), "a", "b", "dpo",
                "erasure request", Instant.parse("2026-01-01T00:00:00Z")).writeTo(dir);
        return dir;
    }

    @Test
    void theHeadFollowsFirstChildrenAndBranchesNeverBecomeIt(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("m"));
        ModelLine line = ModelLine.of(tmp.resolve("m"));
        assertThat(line.head().directory()).isEqualTo(tmp.resolve("m").toAbsolutePath());
        assertThat(line.nextVersion().getFileName().toString()).isEqualTo("m-v2");

        version(tmp, "m-v2", "m", "A");
        version(tmp, "m-v3", "m-v2", "B");
        version(tmp, "m-v4", "m-v2", "C");  // made from v2 after v3 existed: a branch
        ModelLine fromVersion = ModelLine.of(tmp.resolve("m-v4"));
        assertThat(fromVersion.name()).isEqualTo("m");
        assertThat(fromVersion.head().directory().getFileName().toString()).isEqualTo("m-v3");
        assertThat(fromVersion.isHead(tmp.resolve("m-v3"))).isTrue();
        assertThat(fromVersion.isHead(tmp.resolve("m-v2"))).isFalse();
        assertThat(ModelLine.mainPath(fromVersion.versions())).extracting(v -> v.directory().getFileName().toString())
                .containsExactly("m", "m-v2", "m-v3");

        assertThat(line.deletionStart(tmp.resolve("m"), false)).isEqualTo(tmp.resolve("m-v3").toAbsolutePath());
        assertThat(line.deletionStart(tmp.resolve("m-v3"), false)).isEqualTo(tmp.resolve("m-v3"));
        assertThat(line.deletionStart(tmp.resolve("m"), true)).isEqualTo(tmp.resolve("m"));
        assertThat(line.deletionStart(tmp.resolve("m-v2"), true)).isEqualTo(tmp.resolve("m-v2"));
        assertThatThrownBy(() -> line.deletionStart(tmp.resolve("m-v2"), false))
                .hasMessageContaining("m-v2 is an older version of model m")
                .hasMessageContaining("m-v3").hasMessageContaining("--branch");

        version(tmp, "m-v5", "m-v3", "D");
        assertThat(line.head().directory().getFileName().toString()).isEqualTo("m-v5");
        assertThat(line.nextVersion().getFileName().toString()).isEqualTo("m-v6");
    }

    @Test
    void aSecondHolderFailsAtOnceOrWaitsForTheFirst(@TempDir Path tmp) throws Exception {
        ModelLine line = ModelLine.of(tmp.resolve("m"));
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
            try (ModelLineLock lock = line.lock(null)) {
                held.countDown();
                release.await();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> line.lock(Duration.ZERO)).isInstanceOf(ModelLineBusyException.class)
                .hasMessageContaining("model m is being changed by another deletion")
                .hasMessageContaining("held by process " + ProcessHandle.current().pid());
        assertThatThrownBy(() -> line.lock(Duration.ofMillis(100))).isInstanceOf(ModelLineBusyException.class);

        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> {
            try (ModelLineLock lock = line.lock(Duration.ofSeconds(20))) {
                return Files.exists(lock.file());
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(100);
        assertThat(second).isNotDone();
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
        try (ModelLineLock again = line.lock(Duration.ZERO)) {
            assertThat(again.file()).isEqualTo(tmp.resolve(".m.lock").toAbsolutePath());
        }
    }
}
