package org.lethe.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated safetensors header: the tensor entries in header order and the string metadata. Validation checks
 * everything that can be checked without reading the data: the header length fits the file, the JSON is
 * well-formed, every entry has a supported dtype, a shape and offsets, byte sizes equal dtype size times element
 * count, and the entries tile the data buffer exactly (no overlaps, no gaps, no trailing bytes), as the reference
 * implementation requires.
 */
public final class SafeTensorsHeader {
    /** Headers larger than this are refused as corrupt, as in the reference implementation. */
    static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;
    static final String METADATA_KEY = "__metadata__";

    private final List<TensorInfo> tensors;
    private final Map<String, String> metadata;
    private final long headerLength;
    private final long dataLength;

    private SafeTensorsHeader(List<TensorInfo> tensors, Map<String, String> metadata, long headerLength, long dataLength) {
        this.tensors = Collections.unmodifiableList(tensors);
        this.metadata = Collections.unmodifiableMap(metadata);
        this.headerLength = headerLength;
        this.dataLength = dataLength;
    }

    /** Tensor entries in the order the header lists them. */
    public List<TensorInfo> tensors() {
        return tensors;
    }

    /** The {@code __metadata__} map, empty if the file has none. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** The JSON header's length in bytes (the value of the first 8 bytes). */
    public long headerLength() {
        return headerLength;
    }

    /** Byte offset of the data buffer within the file. */
    public long dataStart() {
        return 8 + headerLength;
    }

    /** Length of the data buffer in bytes. */
    public long dataLength() {
        return dataLength;
    }

    /** Reads and validates the header of {@code file}; errors name the file and the problem. */
    public static SafeTensorsHeader read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(channel, file.toString());
        }
    }

    static SafeTensorsHeader read(FileChannel channel, String source) throws IOException {
        long fileSize = channel.size();
        if (fileSize < 8) {
            throw new IOException(source + ": not a safetensors file (" + fileSize + " bytes, shorter than the 8-byte header length)");
        }
        ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, lengthBytes, 0, source);
        long n = lengthBytes.getLong(0);
        if (n < 2 || n > fileSize - 8) {
            throw new IOException(source + ": bad header length " + Long.toUnsignedString(n) + " for a file of "
                    + fileSize + " bytes (truncated or not a safetensors file)");
        }
        if (n > MAX_HEADER_BYTES) {
            throw new IOException(source + ": header length " + n + " exceeds the " + MAX_HEADER_BYTES + "-byte limit");
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) n);
        readFully(channel, headerBytes, 8, source);
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(headerBytes.flip())
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IOException(source + ": header is not valid UTF-8");
        }
        return parse(json, n, fileSize - 8 - n, source);
    }

    static void readFully(FileChannel channel, ByteBuffer buf, long position, String source) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int r = channel.read(buf, pos);
            if (r < 0) {
                throw new IOException(source + ": unexpected end of file at byte " + pos);
            }
            pos += r;
        }
    }

    private static SafeTensorsHeader parse(String json, long headerLength, long dataLength, String source) throws IOException {
        if (!json.startsWith("{")) {
            throw new IOException(source + ": header does not start with '{' (not a safetensors file?)");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IOException(source + ": malformed JSON header: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IOException(source + ": header is not a JSON object");
        }
        List<TensorInfo> tensors = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals(METADATA_KEY)) {
                readMetadata(field.getValue(), metadata, source);
            } else {
                tensors.add(readEntry(field.getKey(), field.getValue(), dataLength, source));
            }
        }
        checkTiling(tensors, dataLength, source);
        return new SafeTensorsHeader(tensors, metadata, headerLength, dataLength);
    }

    private static void readMetadata(JsonNode node, Map<String, String> out, String source) throws IOException {
        if (node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw new IOException(source + ": " + METADATA_KEY + " must be an object of strings");
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new IOException(source + ": metadata value for '" + e.getKey() + "' is not a string");
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
    }

    private static TensorInfo readEntry(String name, JsonNode node, long dataLength, String source) throws IOException {
        String where = source + ": tensor '" + name + "'";
        if (!node.isObject()) {
            throw new IOException(where + ": entry is not an object");
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw new IOException(where + ": missing or non-string dtype");
        }
        DType dtype;
        try {
            dtype = DType.parse(dtypeNode.textValue());
        } catch (IllegalArgumentException e) {
            throw new IOException(where + ": " + e.getMessage());
        }
        JsonNode shapeNode = node.get("shape");
        if (shapeNode == null || !shapeNode.isArray()) {
            throw new IOException(where + ": missing or non-array shape");
        }
        int[] shape = new int[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToInt() || d.intValue() < 0) {
                throw new IOException(where + ": shape entry " + d + " is not a non-negative int");
            }
            shape[i] = d.intValue();
        }
        JsonNode offsets = node.get("data_offsets");
        if (offsets == null || !offsets.isArray() || offsets.size() != 2
                || !offsets.get(0).isIntegralNumber() || !offsets.get(1).isIntegralNumber()
                || !offsets.get(0).canConvertToLong() || !offsets.get(1).canConvertToLong()) {
            throw new IOException(where + ": data_offsets must be an array of two integers");
        }
        long begin = offsets.get(0).longValue();
        long end = offsets.get(1).longValue();
        if (begin < 0 || end < begin) {
            throw new IOException(where + ": bad data_offsets [" + begin + ", " + end + "]");
        }
        if (end > dataLength) {
            throw new IOException(where + ": data_offsets [" + begin + ", " + end + "] exceed the data buffer of "
                    + dataLength + " bytes (truncated file?)");
        }
        long expected;
        try {
            long count = 1;
            for (int d : shape) {
                count = Math.multiplyExact(count, (long) d);
            }
            expected = Math.multiplyExact(count, (long) dtype.bytes());
        } catch (ArithmeticException e) {
            throw new IOException(where + ": shape is too large");
        }
        if (end - begin != expected) {
            throw new IOException(where + ": " + (end - begin) + " bytes for " + dtype + " shape "
                    + java.util.Arrays.toString(shape) + ", which needs " + expected);
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    private static void checkTiling(List<TensorInfo> tensors, long dataLength, String source) throws IOException {
        List<TensorInfo> byOffset = new ArrayList<>(tensors);
        byOffset.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        long expectedStart = 0;
        TensorInfo previous = null;
        for (TensorInfo t : byOffset) {
            if (t.begin() < expectedStart) {
                throw new IOException(source + ": tensors '" + previous.name() + "' [" + previous.begin() + ", "
                        + previous.end() + ") and '" + t.name() + "' [" + t.begin() + ", " + t.end() + ") overlap");
            }
            if (t.begin() > expectedStart) {
                throw new IOException(source + ": " + (t.begin() - expectedStart) + " unused bytes before tensor '"
                        + t.name() + "' at offset " + expectedStart);
            }
            expectedStart = t.end();
            previous = t;
        }
        if (expectedStart != dataLength) {
            throw new IOException(source + ": " + (dataLength - expectedStart) + " trailing bytes after the last tensor");
        }
    }
}
