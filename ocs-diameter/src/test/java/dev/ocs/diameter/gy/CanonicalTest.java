package dev.ocs.diameter.gy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class CanonicalTest {

    @Test
    void equalNamesShareOneInstance() {
        Canonical names = new Canonical(8);
        String first = names.canonical(new String("pgw1.operator.net"));
        assertSame(first, names.canonical(new String("pgw1.operator.net")));
        assertEquals(1, names.size());
    }

    @Test
    void beyondTheLimitNamesAreKeptAsTheyCome() {
        Canonical names = new Canonical(2);
        names.canonical("a");
        names.canonical("b");
        String c = new String("c");
        assertSame(c, names.canonical(c));
        assertNotSame(names.canonical(new String("c")), c);
        assertEquals(2, names.size());
    }
}
