package io.thingstead.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Any number of subscribers: a second never replaces the first, and each leaves on its own. */
class SubscribersTest {
    @Test
    void aSecondSubscriber_neverReplacesTheFirst_andBothHearInOrder() {
        Subscribers<Consumer<String>> subs = new Subscribers<>();
        List<String> heard = new ArrayList<>();
        subs.add(s -> heard.add("first " + s));
        subs.add(s -> heard.add("second " + s));
        subs.forEach(c -> c.accept("x"));
        assertThat(heard).containsExactly("first x", "second x");
    }

    @Test
    void closingASubscription_removesThatSubscriberOnly_evenWhenAddedTwice() {
        Subscribers<Consumer<String>> subs = new Subscribers<>();
        List<String> heard = new ArrayList<>();
        Consumer<String> same = heard::add;
        Subscription a = subs.add(same);
        subs.add(same);
        a.close();
        a.close();
        subs.forEach(c -> c.accept("y"));
        assertThat(heard).containsExactly("y");
    }

    @Test
    void any_asksEverySubscriber() {
        Subscribers<java.util.function.Predicate<String>> subs = new Subscribers<>();
        assertThat(subs.any(p -> p.test("a"))).isFalse();
        subs.add(s -> s.equals("a"));
        subs.add(s -> s.equals("b"));
        assertThat(subs.any(p -> p.test("b"))).isTrue();
        assertThat(subs.any(p -> p.test("c"))).isFalse();
    }
}
