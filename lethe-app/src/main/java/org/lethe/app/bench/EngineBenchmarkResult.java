package org.lethe.app.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The figures of one {@link EngineBenchmark} epoch, serialised with Jackson to the keys of the PyTorch peer
 * script's JSON. The peer comparison and the warm-up count are added by the command ({@link #withPeer},
 * {@link #withKernelWarmupSteps}); until then they are null and left out of the JSON.
 */
@JsonPropertyOrder({"engine", "openblas_coretype", "java", "model", "data", "threads", "train_samples", "seconds",
        "samples_per_s", "test_accuracy", "peak_heap_mib", "max_heap_mib", "weights_sha256", "peer_engine",
        "peer_setting", "peer_samples_per_s", "peer_test_accuracy", "peer_settings", "throughput_ratio",
        "kernel_warmup_steps"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EngineBenchmarkResult(
        @JsonProperty("engine") String engine,
        @JsonProperty("openblas_coretype") String openblasCoretype,
        @JsonProperty("java") String java,
        @JsonProperty("model") String model,
        @JsonProperty("data") String data,
        @JsonProperty("threads") int threads,
        @JsonProperty("train_samples") int trainSamples,
        @JsonProperty("seconds") double seconds,
        @JsonProperty("samples_per_s") double samplesPerS,
        @JsonProperty("test_accuracy") double testAccuracy,
        @JsonProperty("peak_heap_mib") double peakHeapMib,
        @JsonProperty("max_heap_mib") double maxHeapMib,
        @JsonProperty("weights_sha256") String weightsSha256,
        @JsonProperty("peer_engine") String peerEngine,
        @JsonProperty("peer_setting") String peerSetting,
        @JsonProperty("peer_samples_per_s") Double peerSamplesPerS,
        @JsonProperty("peer_test_accuracy") Double peerTestAccuracy,
        @JsonProperty("peer_settings") List<PeerRun> peerSettings,
        @JsonProperty("throughput_ratio") Double throughputRatio,
        @JsonProperty("kernel_warmup_steps") Integer kernelWarmupSteps) {

    /** One run of the peer script under one threading set-up. */
    @JsonPropertyOrder({"setting", "environment", "samples_per_s", "test_accuracy"})
    public record PeerRun(
            @JsonProperty("setting") String setting,
            @JsonProperty("environment") Map<String, String> environment,
            @JsonProperty("samples_per_s") double samplesPerS,
            @JsonProperty("test_accuracy") double testAccuracy) {
    }

    /** The Lethe figures alone, before any peer comparison. */
    static EngineBenchmarkResult of(String engine, String openblasCoretype, String java, String model, String data,
                                    int threads, int trainSamples, double seconds, double samplesPerS,
                                    double testAccuracy, double peakHeapMib, double maxHeapMib, String weightsSha256) {
        return new EngineBenchmarkResult(engine, openblasCoretype, java, model, data, threads, trainSamples, seconds,
                samplesPerS, testAccuracy, peakHeapMib, maxHeapMib, weightsSha256, null, null, null, null, null, null,
                null);
    }

    /**
     * These figures with the peer's: {@code best} is the fastest of {@code runs}, named by {@code bestEngine} and
     * {@code best.setting}; the ratio is Lethe's throughput over the best peer's, to three decimals.
     */
    public EngineBenchmarkResult withPeer(String bestEngine, PeerRun best, List<PeerRun> runs) {
        return new EngineBenchmarkResult(engine, openblasCoretype, java, model, data, threads, trainSamples, seconds,
                samplesPerS, testAccuracy, peakHeapMib, maxHeapMib, weightsSha256, bestEngine, best.setting(),
                best.samplesPerS(), best.testAccuracy(), List.copyOf(runs),
                EngineBenchmark.round(samplesPerS / best.samplesPerS(), 3), kernelWarmupSteps);
    }

    /** These figures with the number of kernel warm-up steps run before the benchmark. */
    public EngineBenchmarkResult withKernelWarmupSteps(int steps) {
        return new EngineBenchmarkResult(engine, openblasCoretype, java, model, data, threads, trainSamples, seconds,
                samplesPerS, testAccuracy, peakHeapMib, maxHeapMib, weightsSha256, peerEngine, peerSetting,
                peerSamplesPerS, peerTestAccuracy, peerSettings, throughputRatio, steps);
    }
}
