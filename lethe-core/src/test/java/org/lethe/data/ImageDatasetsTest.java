package org.lethe.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDatasetsTest {
    @TempDir
    Path dir;

    @Test
    void bundledDigitsHaveStableIdsAndMatchTheImageSet() throws IOException {
        Dataset digits = ImageDatasets.digits();
        ImageSet raw = ImageSet.bundledDigits();
        assertThat(digits.name()).isEqualTo("digits");
        assertThat(digits.size()).isEqualTo(10_000).isEqualTo(raw.size());
        assertThat(digits.id(0)).isEqualTo("digits-0");
        assertThat(digits.id(9999)).isEqualTo("digits-9999");
        assertThat(digits.indexOf("digits-1234")).isEqualTo(1234);
        assertThat(digits.indexOf("digits-10000")).isEqualTo(-1);
        assertThat(digits.imageShape()).hasValueSatisfying(s -> assertThat(s).containsExactly(28, 28));
        assertThat(digits.classCount()).isEqualTo(10);
        assertThat(digits.label(77)).isEqualTo(raw.labels[77]);
        assertThat(digits.features(77)).containsExactly(Arrays.copyOfRange(raw.pixels, 77 * 784, 78 * 784));
        assertThat(digits.hasSubjects()).isFalse();
        assertThat(digits.fingerprint()).isEqualTo(ImageDatasets.digits().fingerprint()).hasSize(64);
    }

    @Test
    void readsAnIdxFolderCompressedOrNot() throws IOException {
        Path raw = dir.resolve("tiny");
        IdxFiles.writePair(raw, "", 5, 2, 3, false);
        Dataset d = ImageDatasets.idxFolder(raw);
        assertThat(d.name()).isEqualTo("tiny");
        assertThat(d.ids()).containsExactly("tiny-0", "tiny-1", "tiny-2", "tiny-3", "tiny-4");
        assertThat(d.featureCount()).isEqualTo(6);
        assertThat(d.feature(1, 2)).isEqualTo(8 / 255f);
        assertThat(d.labels()).containsExactly(0, 1, 2, 3, 4);

        Path gz = dir.resolve("gz");
        IdxFiles.writePair(gz, "", 5, 2, 3, true);
        assertThat(ImageDatasets.idxFolder(gz).featureMatrix().toDoubles()).containsExactly(d.featureMatrix().toDoubles());
    }

    @Test
    void severalPairsPreferTrainOrNeedAPrefix() throws IOException {
        Path folder = dir.resolve("fm");
        IdxFiles.writePair(folder, "train-", 4, 2, 2, true);
        IdxFiles.writePair(folder, "t10k-", 3, 2, 2, true);
        Dataset train = ImageDatasets.idxFolder(folder);
        assertThat(train.name()).isEqualTo("fm-train");
        assertThat(train.size()).isEqualTo(4);
        Dataset test = ImageDatasets.idxFolder(folder, "t10k-");
        assertThat(test.name()).isEqualTo("fm-t10k");
        assertThat(test.id(2)).isEqualTo("fm-t10k-2");

        Path ambiguous = dir.resolve("amb");
        IdxFiles.writePair(ambiguous, "a-", 2, 1, 1, false);
        IdxFiles.writePair(ambiguous, "b-", 2, 1, 1, false);
        assertThatThrownBy(() -> ImageDatasets.idxFolder(ambiguous)).isInstanceOf(IOException.class)
                .hasMessageContaining(ambiguous.toString()).hasMessageContaining("[a-, b-]");
    }

    @Test
    void aFolderWithoutAPairIsAnError() throws IOException {
        Path folder = dir.resolve("half");
        IdxFiles.writePair(folder, "", 2, 1, 1, false);
        Files.delete(folder.resolve("labels-idx1-ubyte"));
        assertThatThrownBy(() -> ImageDatasets.idxFolder(folder)).isInstanceOf(IOException.class)
                .hasMessageContaining("no IDX image/label pair").hasMessageContaining("images-idx3-ubyte");
        assertThatThrownBy(() -> ImageDatasets.idxFolder(dir.resolve("missing"))).hasMessageContaining("not a folder");
    }

    @Test
    void wrongMagicNumberIsNamed() throws IOException {
        Path folder = dir.resolve("magic");
        IdxFiles.writePair(folder, "", 2, 2, 2, false);
        Path images = folder.resolve("images-idx3-ubyte");
        byte[] bytes = Files.readAllBytes(images);
        bytes[0] = 0x12;
        Files.write(images, bytes);
        assertThatThrownBy(() -> ImageDatasets.idxFolder(folder)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(images.toString()).hasMessageContaining("magic number 0x12000803");
    }

    @Test
    void truncatedDataIsNamed() throws IOException {
        Path folder = dir.resolve("cut");
        IdxFiles.writePair(folder, "", 3, 2, 2, false);
        Path images = folder.resolve("images-idx3-ubyte");
        byte[] bytes = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(bytes, bytes.length - 1));
        assertThatThrownBy(() -> ImageDatasets.idxFolder(folder)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(images.toString()).hasMessageContaining("truncated IDX data");
        Files.write(images, Arrays.copyOf(bytes, 6));
        assertThatThrownBy(() -> ImageDatasets.idxFolder(folder)).hasMessageContaining("truncated IDX header");
    }

    @Test
    void mismatchedCountsAreNamed() throws IOException {
        Path folder = dir.resolve("counts");
        IdxFiles.writePair(folder, "", 3, 2, 2, false);
        Files.write(folder.resolve("labels-idx1-ubyte"), IdxFiles.idx(new int[] {2}, new byte[] {1, 2}));
        assertThatThrownBy(() -> ImageDatasets.idxFolder(folder)).isInstanceOf(IOException.class)
                .hasMessageContaining("has 3 images but").hasMessageContaining("has 2 labels");
    }

    @Test
    void fashionMnistLoadsWhenInstalled() throws IOException {
        assumeTrue(ImageDatasets.fashionMnistInstalled(), "Fashion-MNIST is not installed");
        Dataset test = ImageDatasets.fashionMnist(false);
        assertThat(test.name()).isEqualTo("fashion-mnist-test");
        assertThat(test.size()).isEqualTo(10_000);
        assertThat(test.id(5)).isEqualTo("fashion-mnist-test-5");
        assertThat(test.classCount()).isEqualTo(10);
    }
}
