package org.lethe.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lethe.autograd.Tensor;
import org.lethe.nn.Module;
import org.lethe.nn.ParameterHash;
import org.lethe.tensor.NDArray;

/**
 * Reads and writes the safetensors format: 8 bytes holding the header length {@code N} as a little-endian unsigned
 * integer, {@code N} bytes of UTF-8 JSON mapping each tensor name to {@code {"dtype", "shape", "data_offsets"}}
 * (offsets relative to the data buffer that follows the header) plus an optional {@code "__metadata__"} map of
 * strings, then the raw little-endian data. Written headers are padded with spaces to a multiple of 8 bytes so the
 * data is aligned.
 *
 * <p>{@code f32} arrays are written as {@code F32} and {@code f64} arrays as {@code F64}; see {@link DType} for what
 * can be read. Writes are atomic ({@link AtomicFiles}). Every read error is an {@link IOException} whose message
 * names the file and the problem.
 */
public final class SafeTensors {
    private static final int CHUNK_BYTES = 1 << 16;

    private SafeTensors() {
    }

    // ---------------------------------------------------------------- writing

    /** Writes {@code tensors} (in map order) and {@code metadata} to {@code file}, replacing it atomically. */
    public static void write(Path file, Map<String, NDArray> tensors, Map<String, String> metadata) throws IOException {
        write(file, tensors, metadata, true);
    }

    /**
     * Writes {@code tensors} with {@code metadata}; {@code durable} false leaves the file unforced to disk (see
     * {@link AtomicFiles#writeWithoutSync}).
     */
    public static void write(Path file, Map<String, NDArray> tensors, Map<String, String> metadata, boolean durable)
            throws IOException {
        List<String> names = new ArrayList<>(tensors.keySet());
        List<DType> dtypes = new ArrayList<>();
        Map<String, Object> header = new LinkedHashMap<>();
        if (metadata != null && !metadata.isEmpty()) {
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    throw new IllegalArgumentException("metadata keys and values must not be null: " + e);
                }
            }
            header.put(SafeTensorsHeader.METADATA_KEY, new LinkedHashMap<>(metadata));
        }
        long offset = 0;
        for (String name : names) {
            if (name == null || name.isEmpty() || name.equals(SafeTensorsHeader.METADATA_KEY)) {
                throw new IllegalArgumentException("invalid tensor name '" + name + "'");
            }
            NDArray array = tensors.get(name);
            DType dtype = DType.forWriting(array, name);
            dtypes.add(dtype);
            long bytes = (long) array.size() * dtype.bytes();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", dtype.name());
            entry.put("shape", array.shape());
            entry.put("data_offsets", new long[] {offset, offset + bytes});
            header.put(name, entry);
            offset += bytes;
        }
        byte[] json = Json.MAPPER.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        byte[] headerBytes = Arrays.copyOf(json, padded);
        Arrays.fill(headerBytes, json.length, padded, (byte) ' ');
        AtomicFiles.Content content = out -> {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            out.write(length.array());
            out.write(headerBytes);
            for (int i = 0; i < names.size(); i++) {
                writeData(out, tensors.get(names.get(i)), dtypes.get(i));
            }
        };
        if (durable) {
            AtomicFiles.write(file, content);
        } else {
            AtomicFiles.writeWithoutSync(file, content);
        }
    }

    /** Writes {@code tensors} without metadata. */
    public static void write(Path file, Map<String, NDArray> tensors) throws IOException {
        write(file, tensors, Map.of());
    }

    /** Writes every parameter of {@code model}, keyed by its dotted name, in registration order. */
    public static void write(Path file, Module model, Map<String, String> metadata) throws IOException {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) {
            tensors.put(e.getKey(), e.getValue().value());
        }
        write(file, tensors, metadata);
    }

    private static void writeData(OutputStream out, NDArray array, DType dtype) throws IOException {
        double[] values = array.toDoubles();
        ByteBuffer buf = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            if (buf.remaining() < dtype.bytes()) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            if (dtype == DType.F32) {
                buf.putFloat((float) v);
            } else {
                buf.putDouble(v);
            }
        }
        out.write(buf.array(), 0, buf.position());
    }

    // ---------------------------------------------------------------- reading

    /** Reads and validates the header only (cheap, for inspecting large files). */
    public static SafeTensorsHeader readHeader(Path file) throws IOException {
        return SafeTensorsHeader.read(file);
    }

    /** Reads every tensor of {@code file}. */
    public static SafeTensorsFile read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        String source = file.toString();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            SafeTensorsHeader header = SafeTensorsHeader.read(channel, source);
            LinkedHashMap<String, NDArray> tensors = new LinkedHashMap<>();
            for (TensorInfo info : header.tensors()) {
                long bytes = info.end() - info.begin();
                if (info.elementCount() > Integer.MAX_VALUE - 8 || bytes > Integer.MAX_VALUE - 8) {
                    throw new IOException(source + ": tensor '" + info.name() + "' is too large to load ("
                            + info.elementCount() + " elements)");
                }
                ByteBuffer buf = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
                SafeTensorsHeader.readFully(channel, buf, header.dataStart() + info.begin(), source);
                buf.flip();
                tensors.put(info.name(), info.dtype().decode(buf, (int) info.elementCount(), info.shape()));
            }
            return new SafeTensorsFile(header, tensors);
        }
    }

    /**
     * Loads {@code file} into {@code model}'s parameters, converting to each parameter's algebra. The file's names
     * and shapes must match the model's exactly; otherwise nothing is changed and the error lists the missing,
     * unexpected and mismatched names.
     *
     * @return the file's metadata
     */
    public static Map<String, String> load(Path file, Module model) throws IOException {
        SafeTensorsFile contents = read(file);
        Map<String, Tensor> params = model.namedParameters();
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            NDArray stored = contents.tensors().get(e.getKey());
            if (stored == null) {
                missing.add(e.getKey());
            } else if (!Arrays.equals(stored.shape(), e.getValue().shape())) {
                mismatched.add(e.getKey() + " (file " + Arrays.toString(stored.shape()) + ", model "
                        + Arrays.toString(e.getValue().shape()) + ")");
            }
        }
        for (String name : contents.tensors().keySet()) {
            if (!params.containsKey(name)) {
                unexpected.add(name);
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty() || !mismatched.isEmpty()) {
            StringBuilder msg = new StringBuilder(file + ": tensors do not match the model:");
            if (!missing.isEmpty()) {
                msg.append(" missing ").append(missing).append(';');
            }
            if (!unexpected.isEmpty()) {
                msg.append(" unexpected ").append(unexpected).append(';');
            }
            if (!mismatched.isEmpty()) {
                msg.append(" shape mismatch ").append(mismatched).append(';');
            }
            msg.setLength(msg.length() - 1);
            throw new IllegalArgumentException(msg.toString());
        }
        Map<String, NDArray> stored = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            NDArray target = e.getValue().value();
            stored.put(e.getKey(), contents.tensors().get(e.getKey()));
            target.assign(contents.tensors().get(e.getKey()).to(target.algebra()));
        }
        verifyParameters(file, contents.metadata().get(HASH_KEY), stored, model);
        return contents.metadata();
    }

    /** The metadata key under which model files and checkpoints record their {@link ParameterHash}. */
    public static final String HASH_KEY = "parameters_sha256";

    /**
     * Checks parameters just loaded from {@code file} against the hash the file recorded when it was written (no
     * check when it recorded none). The hash is taken over the stored values in the model's parameter order, or
     * over the model after loading (for a model whose algebra differs from the file's); either matching is enough.
     *
     * @throws DamagedModelFileException naming the file when neither matches: the file is damaged or was altered
     */
    public static void verifyParameters(Path file, String recorded, Map<String, NDArray> stored, Module model)
            throws IOException {
        if (recorded == null || recorded.equals(ParameterHash.of(stored)) || recorded.equals(ParameterHash.of(model))) {
            return;
        }
        throw new DamagedModelFileException(file + ": the parameters do not match the hash recorded in the file (" + HASH_KEY + " "
                + recorded.substring(0, Math.min(12, recorded.length())) + "...): the file is damaged or was altered "
                + "since it was written; restore it from a copy or train it again");
    }
}
