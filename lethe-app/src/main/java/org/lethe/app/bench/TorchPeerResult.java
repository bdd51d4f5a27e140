package org.lethe.app.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.lethe.io.JsonFiles;

/**
 * The line the PyTorch peer script ({@code torch_mnist.py}) prints for one model's training epoch, read strictly:
 * every key it prints is required and no other is accepted, so that a changed script fails the benchmark with a
 * message instead of comparing against a figure that is not there.
 *
 * @param engine       {@code pytorch-} and the PyTorch version
 * @param model        {@code mlp} or {@code cnn}
 * @param data         the data set the epoch ran on
 * @param threads      PyTorch's intra-op threads
 * @param trainSamples examples in the epoch
 * @param seconds      the epoch's wall time
 * @param samplesPerS  training throughput
 * @param testAccuracy accuracy on the test part after the epoch
 */
@JsonPropertyOrder({"engine", "model", "data", "threads", "train_samples", "seconds", "samples_per_s",
        "test_accuracy"})
public record TorchPeerResult(
        @JsonProperty(value = "engine", required = true) String engine,
        @JsonProperty(value = "model", required = true) String model,
        @JsonProperty(value = "data", required = true) String data,
        @JsonProperty(value = "threads", required = true) int threads,
        @JsonProperty(value = "train_samples", required = true) int trainSamples,
        @JsonProperty(value = "seconds", required = true) double seconds,
        @JsonProperty(value = "samples_per_s", required = true) double samplesPerS,
        @JsonProperty(value = "test_accuracy", required = true) double testAccuracy) {

    /**
     * Reads one line of the script's output.
     *
     * @throws IllegalArgumentException on one line, naming the key that is missing, unknown or mistyped
     */
    public static TorchPeerResult parse(String line) {
        try {
            return JsonFiles.parseLine(line, TorchPeerResult.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PyTorch peer printed an unexpected result line: " + e.getMessage(),
                    e);
        }
    }
}
