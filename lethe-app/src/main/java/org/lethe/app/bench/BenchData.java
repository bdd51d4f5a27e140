package org.lethe.app.bench;

import java.io.IOException;
import org.lethe.data.Dataset;
import org.lethe.data.ImageDatasets;
import org.lethe.data.ImageSet;

/**
 * The benchmark data rule shared with the PyTorch peer script: Fashion-MNIST (60,000 train / 10,000 test) when
 * installed; otherwise the bundled 10,000 digits, the first 8,000 repeated to 60,000 for training and the last
 * 2,000 for testing. The training set is a {@link Dataset}, so that the benchmark assembles its batches the way
 * training runs do.
 */
public final class BenchData {
    public final String name;
    public final Dataset train;
    public final ImageSet test;

    private BenchData(String name, Dataset train, ImageSet test) {
        this.name = name;
        this.train = train;
        this.test = test;
    }

    /** Loads the data by the rule above. */
    public static BenchData load() throws IOException {
        if (ImageSet.fashionMnistInstalled()) {
            return new BenchData("fashion-mnist", ImageDatasets.fashionMnist(true), ImageSet.fashionMnist(false));
        }
        ImageSet digits = ImageSet.bundledDigits();
        return new BenchData("mnist-10k-repeated",
                ImageDatasets.fromImageSet(digits.range(0, 8000).repeatFirst(8000, 60000)), digits.range(8000, 10000));
    }
}
