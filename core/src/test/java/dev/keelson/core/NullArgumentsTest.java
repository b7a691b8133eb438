package dev.keelson.core;

import dev.keelson.core.testkit.NullSweep;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("every public method of core names the call and the parameter when given null")
class NullArgumentsTest {

    @Test
    void sweep() {
        NullSweep.of("dev.keelson.core").run();
    }
}
