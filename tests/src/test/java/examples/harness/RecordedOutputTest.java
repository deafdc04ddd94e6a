package examples.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparison rules for recorded output: what may vary, within which bounds, and nothing else. */
class RecordedOutputTest {
    static final RecordedOutput RACE = RecordedOutput.parse("""
            CPUs: {{2|int 1..4096}}
            lost updates in {{13|int 0..20}} of 20 trials, lowest total {{1,106,999|int 0..2000000}}
            speedup {{1.93|num 0.5..4}}x on {{ForkJoinPool-1-worker-1|word}}
            plain flag: {{stopped|one of: stopped, never stopped}}
            """);

    @Test
    void declaredPartsMayTakeAnyValueWithinTheirTypeAndBounds() {
        assertThat(RACE.differences(List.of("CPUs: 1",
                "lost updates in 0 of 20 trials, lowest total 2,000,000",
                "speedup 0.97x on main", "plain flag: never stopped"))).isEmpty();
    }

    @Test
    void valuesOutsideTheirBoundsOrTypeAreDifferences() {
        assertThat(RACE.differences(List.of("CPUs: 0",
                "lost updates in 21 of 20 trials, lowest total 5",
                "speedup fast x on main", "plain flag: maybe")))
                .hasSize(4)
                .anySatisfy(d -> assertThat(d).contains("line 1: 0 is outside int 1..4096"))
                .anySatisfy(d -> assertThat(d).contains("line 2: 21 is outside int 0..20"))
                .anySatisfy(d -> assertThat(d).contains("line 3: text differs outside"))
                .anySatisfy(d -> assertThat(d).contains("line 4: text differs outside"));
    }

    @Test
    void literalTextAndLineCountMustMatchExactly() {
        RecordedOutput recorded = RecordedOutput.parse("alpha\nbeta\n");
        assertThat(recorded.differences(List.of("alpha", "beta"))).isEmpty();
        assertThat(recorded.differences(List.of("alpha", "beta "))).singleElement()
                .asString().contains("line 2: text differs");
        assertThat(recorded.differences(List.of("alpha"))).singleElement()
                .asString().contains("line 2: missing from the fresh run");
        assertThat(recorded.differences(List.of("alpha", "beta", "gamma"))).singleElement()
                .asString().contains("line 3: not in the recorded output");
    }

    @Test
    void aRecordedValueMustFitItsOwnDeclarationAndTypesMustBeKnown() {
        assertThatThrownBy(() -> RecordedOutput.parse("ok\nlost {{25|int 0..20}}"))
                .hasMessageContaining("line 2: recorded value does not fit its own declaration");
        assertThatThrownBy(() -> RecordedOutput.parse("took {{5|ms}}"))
                .hasMessageContaining("unknown varying part");
    }

    @Test
    void plainTextIsWhatTheSiteShows() {
        assertThat(RecordedOutput.plain("lost {{13|int 0..20}} of 20, {{a|word}}"))
                .isEqualTo("lost 13 of 20, a");
    }

    @Test
    void rerecordingKeepsMarkersWithFreshValuesAndReportsNewLines() {
        var notes = new ArrayList<String>();
        String text = RACE.rerecord(List.of("CPUs: 8", "a new line",
                "lost updates in 3 of 20 trials, lowest total 1,999,000",
                "speedup 3.50x on main", "plain flag: stopped"), notes);
        assertThat(text).isEqualTo("""
                CPUs: {{8|int 1..4096}}
                a new line
                lost updates in {{3|int 0..20}} of 20 trials, lowest total {{1,999,000|int 0..2000000}}
                speedup {{3.50|num 0.5..4}}x on {{main|word}}
                plain flag: {{stopped|one of: stopped, never stopped}}
                """);
        assertThat(notes).singleElement().asString().contains("line 2 is new or changed");
    }

    @Test
    void rerecordingRefusesAValueOutsideItsBounds() {
        assertThatThrownBy(() -> RACE.rerecord(List.of("CPUs: 0"), new ArrayList<>()))
                .hasMessageContaining("0 is outside int 1..4096");
    }
}
