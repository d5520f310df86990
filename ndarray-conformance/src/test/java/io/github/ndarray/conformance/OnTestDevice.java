package io.github.ndarray.conformance;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a suite class that runs on {@link TestDevice#device()}. When that device is not usable in
 * this JVM, the class's tests are skipped with the reason before they start. Without this, the
 * abort that {@link TestDevice#device()} raises could happen inside an {@code assertThrows}
 * lambda, which would report it as a wrong exception instead of a skip.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(OnTestDevice.Condition.class)
public @interface OnTestDevice {
    /** Skips every test while the device under test is unavailable. */
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String why = TestDevice.unavailableReason();
            return why == null ? ConditionEvaluationResult.enabled("the device under test is " + TestDevice.name())
                    : ConditionEvaluationResult.disabled(why);
        }
    }
}
