package org.lethe.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TorchPeerResultTest {
    // As the peer script prints it (Python's json.dumps).
    private static final String LINE = "{\"engine\": \"pytorch-2.1.2\", \"model\": \"mlp\", \"data\": \"fashion-mnist\", "
            + "\"threads\": 2, \"train_samples\": 60000, \"seconds\": 9.312, \"samples_per_s\": 6443.3, "
            + "\"test_accuracy\": 0.8421}";

    @Test
    void readsTheLineThePeerPrints() {
        TorchPeerResult r = TorchPeerResult.parse(LINE);
        assertThat(r).isEqualTo(new TorchPeerResult("pytorch-2.1.2", "mlp", "fashion-mnist", 2, 60000, 9.312, 6443.3,
                0.8421));
    }

    @Test
    void aMissingUnknownOrMistypedKeyIsRefusedOnOneLineNamingIt() {
        assertRefused(LINE.replace("\"samples_per_s\": 6443.3, ", ""), "samples_per_s");
        assertRefused(LINE.replace("\"test_accuracy\"", "\"accuracy\""), "accuracy");
        assertRefused(LINE.replace("6443.3", "\"fast\""), "samples_per_s");
        assertRefused(LINE.replace("9.312", "null"), "seconds");
        assertRefused(LINE.substring(0, 40), "malformed JSON");
    }

    private static void assertRefused(String line, String fragment) {
        assertThatThrownBy(() -> TorchPeerResult.parse(line)).as(fragment).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the PyTorch peer printed an unexpected result line")
                .hasMessageContaining(fragment).hasMessageNotContaining("\n");
    }
}
