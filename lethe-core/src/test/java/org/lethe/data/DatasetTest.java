package org.lethe.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real64;

class DatasetTest {

    static Dataset small() {
        float[] features = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        return Dataset.of("small", features, 3, new int[] {2, 0, 1, 2}, new String[] {"a", "b", "c", "d"}, null, null);
    }

    @Test
    void accessorsAndSubsetsKeepIdentity() {
        Dataset d = small();
        assertThat(d.size()).isEqualTo(4);
        assertThat(d.classCount()).isEqualTo(3);
        assertThat(d.example(2).id()).isEqualTo("c");
        assertThat(d.example(2).features()).containsExactly(6f, 7f, 8f);
        assertThat(d.example(2).label()).isEqualTo(1);

        Dataset sub = d.select(new int[] {3, 1});
        assertThat(sub.ids()).containsExactly("d", "b");
        assertThat(sub.labels()).containsExactly(2, 0);
        assertThat(sub.features(0)).containsExactly(9f, 10f, 11f);
        assertThat(sub.indexOf("b")).isEqualTo(1);
        assertThat(sub.indexOf("a")).isEqualTo(-1);

        NDArray rows = d.featureRows(new int[] {1, 3}, Real64.INSTANCE);
        assertThat(rows.shape()).containsExactly(2, 3);
        assertThat(rows.algebra()).isSameAs(Real64.INSTANCE);
        assertThat(rows.toDoubles()).containsExactly(3, 4, 5, 9, 10, 11);
        assertThat(d.labels(new int[] {3, 0})).containsExactly(2, 2);
    }

    @Test
    void subsetsOfSubsetsReadTheSameContentAsFreshCopies() {
        Dataset d = small().withSubjects(Map.of("a", "ann", "c", "cy"));
        Dataset twice = d.select(new int[] {3, 2, 0}).select(new int[] {2, 1});
        Dataset fresh = Dataset.of("small", new float[] {0, 1, 2, 6, 7, 8}, 3, new int[] {2, 1}, new String[] {"a", "c"},
                new String[] {"ann", "cy"}, null);
        assertThat(twice.fingerprint()).isEqualTo(fresh.fingerprint());
        assertThat(twice.featureMatrix().toDoubles()).containsExactly(0, 1, 2, 6, 7, 8);
        assertThat(twice.featureRows(new int[] {1}).toDoubles()).containsExactly(6, 7, 8);
        assertThat(twice.feature(1, 2)).isEqualTo(8f);
        assertThat(twice.withName("other").features(0)).containsExactly(0f, 1f, 2f);
        assertThat(twice.subject(1)).isEqualTo("cy");
    }

    @Test
    void isImmutableAgainstCallerArrays() {
        float[] features = {1, 2};
        int[] labels = {0, 1};
        String[] ids = {"x", "y"};
        Dataset d = Dataset.of("d", features, 1, labels, ids, null, null);
        String before = d.fingerprint();
        features[0] = 99;
        labels[0] = 5;
        ids[0] = "z";
        d.labels()[1] = 7;
        assertThat(d.feature(0, 0)).isEqualTo(1f);
        assertThat(d.label(0)).isZero();
        assertThat(d.id(0)).isEqualTo("x");
        assertThat(Dataset.of("d", new float[] {1, 2}, 1, new int[] {0, 1}, new String[] {"x", "y"}, null, null).fingerprint())
                .isEqualTo(before);
    }

    @Test
    void invalidContentIsRejected() {
        assertThatThrownBy(() -> Dataset.of("d", new float[2], 1, new int[2], new String[] {"x", "x"}, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("d: duplicate id 'x' (examples 0 and 1)");
        assertThatThrownBy(() -> Dataset.of("d", new float[3], 1, new int[2], new String[] {"x", "y"}, null, null))
                .hasMessageContaining("3 feature values for 2 examples of 1 features");
        assertThatThrownBy(() -> Dataset.of("d", new float[2], 1, new int[] {0, -1}, new String[] {"x", "y"}, null, null))
                .hasMessageContaining("negative label -1");
        assertThatThrownBy(() -> Dataset.of("d", new float[2], 1, new int[2], new String[] {"x", ""}, null, null))
                .hasMessageContaining("empty id");
        assertThatThrownBy(() -> Dataset.of("d", new float[4], 2, new int[2], new String[] {"x", "y"}, null, new int[] {3, 1}))
                .hasMessageContaining("image shape [3, 1]");
        assertThatThrownBy(() -> small().select(new int[] {0, 0})).hasMessageContaining("duplicate id 'a'");
    }

    @Test
    void withSubjectsAttachesAndRejectsUnknownIds() {
        Dataset d = small().withSubjects(Map.of("a", "ann", "c", "ann", "d", "dan"));
        assertThat(d.subject(0)).isEqualTo("ann");
        assertThat(d.subject(1)).isNull();
        assertThat(d.distinctSubjects()).containsExactly("ann", "dan");
        assertThat(d.select(new int[] {3}).subject(0)).isEqualTo("dan");
        assertThat(d.fingerprint()).isEqualTo(small().fingerprint());
        assertThatThrownBy(() -> small().withSubjects(Map.of("a", "ann", "zz", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown example ids [zz]");
    }

    @Test
    void fingerprintFollowsTheDocumentedByteOrder() throws Exception {
        Dataset d = small();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write("lethe.dataset.v1\n".getBytes(StandardCharsets.US_ASCII));
        out.writeInt(d.size());
        out.writeInt(d.featureCount());
        for (int i = 0; i < d.size(); i++) {
            byte[] id = d.id(i).getBytes(StandardCharsets.UTF_8);
            out.writeInt(id.length);
            out.write(id);
            out.writeInt(d.label(i));
            for (float f : d.features(i)) {
                out.writeInt(Float.floatToIntBits(f));
            }
        }
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        assertThat(d.fingerprint()).isEqualTo(expected);

        float[] changed = new float[12];
        for (int i = 0; i < 12; i++) {
            changed[i] = d.feature(i / 3, i % 3);
        }
        changed[11] += 0.5f;
        assertThat(Dataset.of("small", changed, 3, d.labels(), d.ids().toArray(new String[0]), null, null).fingerprint())
                .isNotEqualTo(expected);
        assertThat(d.withName("renamed").fingerprint()).isEqualTo(expected);
    }

    @Test
    void convertsToAnImageSet() throws IOException {
        Dataset d = Dataset.of("img", new float[] {0, 1, 2, 3, 4, 5, 6, 7}, 4, new int[] {1, 0}, new String[] {"p", "q"},
                null, new int[] {2, 2});
        ImageSet set = d.toImageSet();
        assertThat(set.rows).isEqualTo(2);
        assertThat(set.pixels).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(ImageDatasets.fromImageSet(set).ids()).containsExactly("img-0", "img-1");
        assertThatThrownBy(small()::toImageSet).hasMessageContaining("not a data set of 2-D images");
    }
}
