package examples.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparison rules for recorded output: what may vary, within which bounds, and nothing else. */
class RecordedOutputTest {
    static final RecordedOutput RACE = RecordedOutput.parse("""
            CPUs: {{cpus=2|int 1..4096|the CPUs this JVM may use}}
            lost updates in {{lost=13|int 0..20}} of 20 trials, lowest total {{lowest=1,106,999|int 0..2,000,000}}
            speedup {{speedup=1.93|num 0.5..4}}x on {{worker=ForkJoinPool-1-worker-1|word}}
            plain flag: {{outcome=stopped|one of: stopped, never stopped}}
            """);

    static final List<String> FRESH = List.of("CPUs: 1",
            "lost updates in 0 of 20 trials, lowest total 2,000,000",
            "speedup 0.97x on main", "plain flag: never stopped");

    @Test
    void declaredPartsMayTakeAnyValueWithinTheirTypeAndBounds() {
        assertThat(RACE.differences(FRESH)).isEmpty();
    }

    @Test
    void aMatchingRunGivesItsValuesByNameTyped() {
        var values = RACE.values(FRESH);
        assertThat(values.keySet()).containsExactly("cpus", "lost", "lowest", "speedup",
                "worker", "outcome");
        assertThat(values.get("lowest").asLong()).isEqualTo(2_000_000L);
        assertThat(values.get("lowest").lineNumber()).isEqualTo(2);
        assertThat(values.get("speedup").asDouble()).isEqualTo(0.97);
        assertThat(values.get("outcome").text()).isEqualTo("never stopped");
        assertThatThrownBy(() -> values.get("speedup").asLong())
                .hasMessageContaining("speedup is declared num 0.5..4, not int");
        assertThatThrownBy(() -> values.get("worker").asDouble())
                .hasMessageContaining("not a number");
    }

    @Test
    void valuesOutsideTheirBoundsOrTypeAreDifferences() {
        assertThat(RACE.differences(List.of("CPUs: 0",
                "lost updates in 21 of 20 trials, lowest total 5",
                "speedup fast x on main", "plain flag: maybe")))
                .hasSize(4)
                .anySatisfy(d -> assertThat(d).contains("line 1: cpus = 0 is outside int 1..4096"))
                .anySatisfy(d -> assertThat(d).contains("line 2: lost = 21 is outside int 0..20"))
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
    void everyDeclarationHasAUniqueNameAKnownTypeAndARecordedValueThatFitsIt() {
        assertThatThrownBy(() -> RecordedOutput.parse("ok\nlost {{lost=25|int 0..20}}"))
                .hasMessageContaining("line 2: recorded value does not fit its own declaration");
        assertThatThrownBy(() -> RecordedOutput.parse("took {{ms=5|ms}}"))
                .hasMessageContaining("unknown type 'ms'");
        assertThatThrownBy(() -> RecordedOutput.parse("lost {{13|int 0..20}}"))
                .hasMessageContaining("is not a declaration: write {{name=value|type}}");
        assertThatThrownBy(() -> RecordedOutput.parse("a {{n=1|int 0..2}}\nb {{n=2|int 0..2}}"))
                .hasMessageContaining("line 2: the name 'n' is already declared on line 1");
        assertThatThrownBy(() -> RecordedOutput.parse("{{n=1|int 5..2}}"))
                .hasMessageContaining("min > max");
        assertThatThrownBy(() -> RecordedOutput.parse("{{n=a|one of: a}}"))
                .hasMessageContaining("two or more outcomes");
        assertThatThrownBy(() -> RecordedOutput.parse("{{n=1|int 0..2"))
                .hasMessageContaining("'{{' without a closing '}}'");
    }

    @Test
    void plainTextIsWhatTheSiteShows() {
        assertThat(RecordedOutput.plain("lost {{lost=13|int 0..20}} of 20, {{w=a|word|a name}}"))
                .isEqualTo("lost 13 of 20, a");
    }

    @Test
    void rerecordingMovesDeclaredValuesWithoutReportingAChange() {
        var rerecording = RACE.rerecord(List.of("CPUs: 8",
                "lost updates in 3 of 20 trials, lowest total 1,999,000",
                "speedup 3.50x on main", "plain flag: stopped"));
        assertThat(rerecording.text()).isEqualTo("""
                CPUs: {{cpus=8|int 1..4096|the CPUs this JVM may use}}
                lost updates in {{lost=3|int 0..20}} of 20 trials, lowest total {{lowest=1,999,000|int 0..2,000,000}}
                speedup {{speedup=3.50|num 0.5..4}}x on {{worker=main|word}}
                plain flag: {{outcome=stopped|one of: stopped, never stopped}}
                """);
        assertThat(rerecording.changes()).isEmpty();
    }

    @Test
    void rerecordingReportsEveryChangeToWhatTheFileClaims() {
        var rerecording = RACE.rerecord(List.of("CPUs: 8", "a new line",
                "lost updates in 19 of 20 trials",          // its declarations would be lost
                "speedup 3.50x on main", "plain flag: stopped"));
        assertThat(rerecording.changes()).containsExactly(
                "+ line 2 (new): a new line",
                "+ line 3 (new): lost updates in 19 of 20 trials",
                "- line 2 (gone, and with it the declaration of lost, lowest): lost updates in"
                        + " {{lost=13|int 0..20}} of 20 trials, lowest total"
                        + " {{lowest=1,106,999|int 0..2,000,000}}");
        assertThat(rerecording.text()).contains("a new line\nlost updates in 19 of 20 trials\n");
    }

    @Test
    void rerecordingRefusesAValueOutsideItsBounds() {
        assertThatThrownBy(() -> RACE.rerecord(List.of("CPUs: 0")))
                .hasMessageContaining("cpus = 0 is outside int 1..4096");
    }

    // --- timelines ---------------------------------------------------------------------

    static final RecordedOutput TIMELINE = RecordedOutput.parse("""
            calls{{calls=timeline|ms 0..1,000}}
              call 1    0 .. 52
              call 10  53 .. 104
            done
            """);

    @Test
    void aTimelinesRowsMayMoveWithinTheirBoundsAndAreReadAsSpans() {
        List<String> fresh = List.of("calls", "  call 1   7 .. 60", "  call 10  61 .. 999",
                "done");
        assertThat(TIMELINE.differences(fresh)).isEmpty();
        assertThat(TIMELINE.rows("calls", fresh).values()).containsExactly(
                new RecordedOutput.Span("call 1", 7, 60),
                new RecordedOutput.Span("call 10", 61, 999));
        assertThat(TIMELINE.values(fresh)).isEmpty();
        assertThat(TIMELINE.plainLines()).first().isEqualTo("calls");
    }

    @Test
    void aTimelineFailsOnAMissingRowAChangedLabelATimeOutOfBoundsOrAnEndBeforeItsStart() {
        assertThat(TIMELINE.differences(List.of("calls", "  call 1   0 .. 52", "done")))
                .isNotEmpty().anySatisfy(d -> assertThat(d).contains("line 3: a row of"
                        + " timeline calls differs: expected 'call 10'"));
        assertThat(TIMELINE.differences(List.of("calls", "  call 1   0 .. 52",
                "  call 11  53 .. 104", "done"))).singleElement().asString()
                .contains("expected 'call 10' then START .. END");
        assertThat(TIMELINE.differences(List.of("calls", "  call 1   0 .. 1,001",
                "  call 10  53 .. 104", "done"))).singleElement().asString()
                .contains("calls: end 1,001 is outside ms 0..1000");
        assertThat(TIMELINE.differences(List.of("calls", "  call 1   52 .. 0",
                "  call 10  53 .. 104", "done"))).singleElement().asString()
                .contains("calls: start 52 is after end 0");
    }

    @Test
    void rerecordingATimelineKeepsItsDeclarationAndReportsARowMoreOrLess() {
        var moved = TIMELINE.rerecord(List.of("calls", "  call 1   9 .. 70",
                "  call 10  71 .. 140", "done"));
        assertThat(moved.text()).isEqualTo("calls{{calls=timeline|ms 0..1,000}}\n"
                + "  call 1   9 .. 70\n  call 10  71 .. 140\ndone\n");
        assertThat(moved.changes()).isEmpty();
        var shorter = TIMELINE.rerecord(List.of("calls", "  call 1   9 .. 70", "done"));
        assertThat(shorter.changes()).containsExactly("- line 3 (gone): "
                + "  call 10  53 .. 104");
    }

    @Test
    void mostAtOnceCountsTheSpansInFlightTogether() {
        var three = List.of(new RecordedOutput.Span("a", 0, 50),
                new RecordedOutput.Span("b", 0, 50), new RecordedOutput.Span("c", 10, 60),
                new RecordedOutput.Span("d", 50, 100));   // starts as a and b end
        assertThat(RecordedOutput.mostAtOnce(three)).isEqualTo(3);
        assertThat(RecordedOutput.mostAtOnce(List.of(new RecordedOutput.Span("a", 0, 10),
                new RecordedOutput.Span("b", 10, 20)))).isEqualTo(1);
    }
}
