package io.riskgate.core.engine;

import io.riskgate.core.check.CheckCode;
import io.riskgate.core.event.Event;
import io.riskgate.core.sizing.SizingResult;

/**
 * The answer to a size request: the {@code size} output of the event language. The result is the
 * engine's reused holder: read it before the next event.
 *
 * @param blockedBy the pre-trade check that cut or blocked the size, or null
 */
public record SizeAnswer(Event.SizeRequest request, SizingResult result, CheckCode blockedBy) {}
