package org.lethe.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.nn.Mlp;
import org.lethe.nn.Module;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real32;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Rng;

class SafeTensorsTest {
    @TempDir
    Path dir;

    private static NDArray randomF32(Rng rng, int... shape) {
        NDArray a = NDArray.zeros(Real32.INSTANCE, shape);
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian();
        }
        return NDArray.of(Real32.INSTANCE, v, shape);
    }

    /** A safetensors file assembled from raw parts, independently of the writer under test. */
    private static byte[] assemble(String headerJson, byte[] data) {
        byte[] header = headerJson.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(header.length).put(header).put(data);
        return buf.array();
    }

    private static byte[] le(int capacity, java.util.function.Consumer<ByteBuffer> fill) {
        ByteBuffer b = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
        fill.accept(b);
        return b.array();
    }

    @Test
    void roundTripKeepsValuesShapesTypesAndMetadata() throws IOException {
        Rng rng = new Rng(7);
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        tensors.put("w", randomF32(rng, 3, 5));
        tensors.put("b", NDArray.of(Real64.INSTANCE, new double[] {Math.PI, -1e-300, 1e300}, 3));
        tensors.put("scalar", NDArray.scalar(Real32.INSTANCE, 2.5));
        tensors.put("empty", NDArray.zeros(Real32.INSTANCE, 0, 4));
        Path file = dir.resolve("m.safetensors");
        SafeTensors.write(file, tensors, Map.of("format", "pt", "note", "ünïcode"));

        SafeTensorsFile read = SafeTensors.read(file);
        assertThat(read.tensors().keySet()).containsExactly("w", "b", "scalar", "empty");
        assertThat(read.metadata()).containsEntry("format", "pt").containsEntry("note", "ünïcode");
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            NDArray back = read.tensor(e.getKey());
            assertThat(back.shape()).isEqualTo(e.getValue().shape());
            assertThat(back.algebra()).isSameAs(e.getValue().algebra());
            assertThat(back.toDoubles()).containsExactly(e.getValue().toDoubles());
        }
        assertThat(read.header().tensors().get(1).dtype()).isEqualTo(DType.F64);
        assertThat(read.header().headerLength() % 8).isZero();
        byte[] bytes = Files.readAllBytes(file);
        String header = new String(bytes, 8, (int) read.header().headerLength(), StandardCharsets.UTF_8);
        assertThat(header.stripTrailing()).startsWith("{").endsWith("}");
        assertThat(header.substring(header.stripTrailing().length())).matches(" {0,7}");
        assertThat(bytes.length).isEqualTo(8 + read.header().headerLength() + (15 * 4 + 3 * 8 + 4));
    }

    @Test
    void readsAFileBuiltByHandToTheSpecification() throws IOException {
        // Header lists tensors in a different order from their data, uses several dtypes, and is not padded.
        byte[] f64 = le(16, b -> b.putDouble(1.5).putDouble(-2.25));
        byte[] f32 = le(12, b -> b.putFloat(0.5f).putFloat(-3f).putFloat(1e-3f));
        byte[] i32 = le(8, b -> b.putInt(-7).putInt(123456));
        byte[] f16 = le(6, b -> b.putShort((short) 0x3C00).putShort((short) 0xC000).putShort((short) 0x0001));
        byte[] bf16 = le(4, b -> b.putShort((short) 0x3F80).putShort((short) 0xC140));
        byte[] i64 = le(8, b -> b.putLong(-(1L << 40)));
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (byte[] part : List.of(f32, f64, i32, f16, bf16, i64)) {
            data.writeBytes(part);
        }
        String json = "{\"double\":{\"dtype\":\"F64\",\"shape\":[2,1],\"data_offsets\":[12,28]},"
                + "\"__metadata__\":{\"source\":\"hand\"},"
                + "\"float\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]},"
                + "\"int\":{\"dtype\":\"I32\",\"shape\":[1,2],\"data_offsets\":[28,36]},"
                + "\"half\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[36,42]},"
                + "\"brain\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[42,46]},"
                + "\"long\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[46,54]}}";
        Path file = dir.resolve("hand.safetensors");
        Files.write(file, assemble(json, data.toByteArray()));

        SafeTensorsFile read = SafeTensors.read(file);
        assertThat(read.tensors().keySet()).containsExactly("double", "float", "int", "half", "brain", "long");
        assertThat(read.metadata()).isEqualTo(Map.of("source", "hand"));
        assertThat(read.tensor("double").shape()).containsExactly(2, 1);
        assertThat(read.tensor("double").toDoubles()).containsExactly(1.5, -2.25);
        assertThat(read.tensor("float").toDoubles()).containsExactly(0.5, -3.0, (double) 1e-3f);
        assertThat(read.tensor("int").toDoubles()).containsExactly(-7.0, 123456.0);
        assertThat(read.tensor("half").toDoubles()).containsExactly(1.0, -2.0, Math.pow(2, -24));
        assertThat(read.tensor("brain").toDoubles()).containsExactly(1.0, -12.0);
        assertThat(read.tensor("long").rank()).isZero();
        assertThat(read.tensor("long").item()).isEqualTo(-(double) (1L << 40));
    }

    @Test
    void halfPrecisionDecodesSpecialValues() {
        assertThat(DType.halfToFloat((short) 0x7BFF)).isEqualTo(65504f);
        assertThat(DType.halfToFloat((short) 0x7C00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(DType.halfToFloat((short) 0xFC00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(DType.halfToFloat((short) 0x7E00)).isNaN();
        assertThat(Float.floatToIntBits(DType.halfToFloat((short) 0x8000))).isEqualTo(Float.floatToIntBits(-0f));
        assertThat(DType.halfToFloat((short) 0x03FF)).isEqualTo(1023 * 0x1.0p-24f);
        assertThat(DType.halfToFloat((short) 0x3555)).isEqualTo(0.333251953125f);
    }

    @Test
    void writesModelParametersAndLoadsThemIntoAFreshModel() throws IOException {
        Mlp trained = new Mlp(Real32.INSTANCE, new Rng(1), 4, 6, 3);
        Path file = dir.resolve("mlp.safetensors");
        SafeTensors.write(file, trained, Map.of("arch", "mlp"));
        assertThat(SafeTensors.readHeader(file).tensors().stream().map(TensorInfo::name).collect(Collectors.toList()))
                .containsExactlyElementsOf(trained.namedParameters().keySet());

        Mlp fresh = new Mlp(Real64.INSTANCE, new Rng(2), 4, 6, 3);
        assertThat(fresh.namedParameters().get("fc0.weight").value().toDoubles())
                .isNotEqualTo(trained.namedParameters().get("fc0.weight").value().toDoubles());
        Map<String, String> meta = SafeTensors.load(file, fresh);
        assertThat(meta).containsEntry("arch", "mlp");
        for (String name : trained.namedParameters().keySet()) {
            assertThat(fresh.namedParameters().get(name).value().toDoubles())
                    .containsExactly(trained.namedParameters().get(name).value().toDoubles());
            assertThat(fresh.namedParameters().get(name).value().algebra()).isSameAs(Real64.INSTANCE);
        }
    }

    @Test
    void loadingIntoAModelWithOtherNamesOrShapesListsEveryDifference() throws IOException {
        Path file = dir.resolve("mlp.safetensors");
        SafeTensors.write(file, new Mlp(Real32.INSTANCE, new Rng(1), 4, 6, 3), Map.of());
        Mlp other = new Mlp(Real32.INSTANCE, new Rng(1), 4, 5, 3, 2);
        double[] before = other.namedParameters().get("fc0.weight").value().toDoubles();
        assertThatThrownBy(() -> SafeTensors.load(file, other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("missing [fc2.")
                .hasMessageContaining("shape mismatch [fc0.")
                .hasMessageContaining("[6, 4]");
        assertThat(other.namedParameters().get("fc0.weight").value().toDoubles()).containsExactly(before);

        Module small = new Module() { };
        assertThatThrownBy(() -> SafeTensors.load(file, small))
                .hasMessageContaining("unexpected [fc0.");
    }

    @Test
    void writeIsAtomicReplacementWithoutLeftovers() throws IOException {
        Path file = dir.resolve("w.safetensors");
        SafeTensors.write(file, Map.of("a", NDArray.of(Real32.INSTANCE, new double[] {1, 2}, 2)));
        SafeTensors.write(file, Map.of("a", NDArray.of(Real32.INSTANCE, new double[] {3, 4, 5}, 3)));
        assertThat(SafeTensors.read(file).tensor("a").toDoubles()).containsExactly(3, 4, 5);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("w.safetensors");
        }
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            // The atomic write must not leave the file with temp-file (owner-only) permissions.
            Path plain = Files.write(dir.resolve("plain"), new byte[1]);
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Files.getPosixFilePermissions(plain));
            Files.delete(plain);
        }
        // A failing write leaves the old file in place and no temporary file behind.
        NDArray unsupported = NDArray.zeros(Real32.INSTANCE, 2);
        Map<String, NDArray> bad = new LinkedHashMap<>();
        bad.put("__metadata__", unsupported);
        assertThatThrownBy(() -> SafeTensors.write(file, bad)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write(1);
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(SafeTensors.read(file).tensor("a").toDoubles()).containsExactly(3, 4, 5);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.count()).isEqualTo(1);
        }
    }

    @Test
    void aWriteWithoutSyncIsTheSameFileAndAsAtomic() throws IOException {
        Map<String, NDArray> tensors = Map.of("t", NDArray.of(Real32.INSTANCE, new double[] {1, 2, 3, 4}, 2, 2));
        Path forced = dir.resolve("forced.safetensors");
        Path unforced = dir.resolve("unforced.safetensors");
        SafeTensors.write(forced, tensors, Map.of("step", "3"));
        SafeTensors.write(unforced, tensors, Map.of("step", "3"), false);
        assertThat(Files.readAllBytes(unforced)).isEqualTo(Files.readAllBytes(forced));
        assertThatThrownBy(() -> AtomicFiles.writeWithoutSync(unforced, out -> {
            out.write(1);
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readAllBytes(unforced)).isEqualTo(Files.readAllBytes(forced));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("forced.safetensors", "unforced.safetensors");
        }
    }

    // ---------------------------------------------------------------- corrupt files

    private Path writeBytes(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private Path validFile() throws IOException {
        Path file = dir.resolve("valid.safetensors");
        SafeTensors.write(file, Map.of("t", NDArray.of(Real32.INSTANCE, new double[] {1, 2, 3, 4}, 2, 2)));
        return file;
    }

    private void assertCorrupt(Path file, String... fragments) {
        assertThatThrownBy(() -> SafeTensors.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContainingAll(fragments);
    }

    @Test
    void truncatedFilesAreRejected() throws IOException {
        byte[] good = Files.readAllBytes(validFile());
        assertCorrupt(writeBytes("tiny", Arrays.copyOf(good, 5)), "shorter than the 8-byte header length");
        assertCorrupt(writeBytes("header-cut", Arrays.copyOf(good, 20)), "bad header length");
        assertCorrupt(writeBytes("data-cut", Arrays.copyOf(good, good.length - 3)), "exceed the data buffer");
        assertCorrupt(writeBytes("empty", new byte[0]), "0 bytes");
    }

    @Test
    void badHeaderLengthsAreRejected() throws IOException {
        byte[] good = Files.readAllBytes(validFile());
        byte[] huge = good.clone();
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putLong(0, Long.MAX_VALUE);
        assertCorrupt(writeBytes("huge", huge), "bad header length");
        byte[] negative = good.clone();
        ByteBuffer.wrap(negative).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -8);
        assertCorrupt(writeBytes("negative", negative), "bad header length 18446744073709551608");
        byte[] shortened = good.clone();
        ByteBuffer.wrap(shortened).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 10);
        assertCorrupt(writeBytes("short", shortened), "malformed JSON header");
    }

    @Test
    void badOffsetsAreRejected() throws IOException {
        byte[] data = new byte[16];
        assertCorrupt(writeBytes("outside", assemble(
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[8],\"data_offsets\":[0,32]}}", data)), "exceed the data buffer of 16 bytes");
        assertCorrupt(writeBytes("overlap", assemble(
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", data)), "'a'", "'b'", "overlap");
        assertCorrupt(writeBytes("size", assemble(
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,16]}}", data)), "16 bytes for F32 shape [3], which needs 12");
        assertCorrupt(writeBytes("reversed", assemble(
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[16,0]}}", data)), "bad data_offsets [16, 0]");
        assertCorrupt(writeBytes("gap", assemble(
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}", data)), "8 unused bytes before tensor 'a'");
        assertCorrupt(writeBytes("trailing", assemble(
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", data)), "8 trailing bytes");
    }

    @Test
    void malformedHeadersAreRejected() throws IOException {
        byte[] data = new byte[4];
        String entry = "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}";
        assertCorrupt(writeBytes("json", assemble("{" + entry + ",}", data)), "malformed JSON header");
        assertCorrupt(writeBytes("trailing-json", assemble("{" + entry + "} {}", data)), "malformed JSON header");
        assertCorrupt(writeBytes("duplicate", assemble("{" + entry + "," + entry + "}", data)), "malformed JSON header");
        assertCorrupt(writeBytes("array", assemble("[1, 2, 3]   ", data)), "does not start with '{'");
        assertCorrupt(writeBytes("dtype", assemble(
                "{\"a\":{\"dtype\":\"F8_E4M3\",\"shape\":[4],\"data_offsets\":[0,4]}}", data)), "unsupported dtype 'F8_E4M3'");
        assertCorrupt(writeBytes("shape", assemble(
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", data)), "tensor 'a'", "shape entry -1");
        assertCorrupt(writeBytes("no-offsets", assemble(
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", data)), "data_offsets must be an array of two integers");
        assertCorrupt(writeBytes("metadata", assemble(
                "{\"__metadata__\":{\"k\":1}," + entry + "}", data)), "metadata value for 'k' is not a string");
        byte[] latin1 = assemble("{\"\u00e9\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", data);
        latin1[10] = (byte) 0xE9;
        latin1[11] = (byte) '"';
        assertCorrupt(writeBytes("utf8", latin1), "not valid UTF-8");
    }

    @Test
    void writingEmptyOrReservedNamesIsRefused() {
        assertThatThrownBy(() -> SafeTensors.write(dir.resolve("x"), Map.of("", NDArray.zeros(Real32.INSTANCE, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid tensor name");
        assertThatThrownBy(() -> SafeTensors.write(dir.resolve("x"), Map.of("__metadata__", NDArray.zeros(Real32.INSTANCE, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid tensor name '__metadata__'");
        assertThat(dir.resolve("x")).doesNotExist();
    }
}
