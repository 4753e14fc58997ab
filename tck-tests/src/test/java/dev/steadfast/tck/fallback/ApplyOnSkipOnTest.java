package dev.steadfast.tck.fallback;

import dev.steadfast.tck.support.SteadfastWeld;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code applyOn} and {@code skipOn} ({@code docs/annotations.md}): which failures the fallback answers. */
@EnableWeld
class ApplyOnSkipOnTest {

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.of(TextReader.class);

    @Inject
    TextReader reader;

    @Test
    void aFailureInApplyOnIsAnsweredByTheFallback() throws Exception {
        assertEquals("", reader.read(new IOException("disk gone")));
    }

    @Test
    void aSubclassOfAnApplyOnClassIsAnsweredByTheFallback() throws Exception {
        assertEquals("", reader.read(new EOFException("truncated")));
    }

    @Test
    void aFailureNotInApplyOnPropagatesUnchanged() {
        IllegalStateException failure = new IllegalStateException("bug");

        assertSame(failure, assertThrows(IllegalStateException.class, () -> reader.read(failure)));
    }

    @Test
    void aFailureInSkipOnPropagatesEvenThoughApplyOnMatchesIt() {
        FileNotFoundException failure = new FileNotFoundException("a.txt");

        assertSame(failure, assertThrows(FileNotFoundException.class, () -> reader.read(failure)));
    }

    @Test
    void skipOnAloneLetsOnlyItsFailuresThrough() throws Exception {
        assertEquals("", reader.readLenient(new IllegalStateException("anything else")));

        IllegalArgumentException failure = new IllegalArgumentException("bad path");
        assertSame(failure, assertThrows(IllegalArgumentException.class, () -> reader.readLenient(failure)));
    }
}
