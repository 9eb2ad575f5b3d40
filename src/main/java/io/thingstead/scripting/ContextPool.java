package io.thingstead.scripting;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Idle contexts by account (and statement limit): a call borrows one that no other thread uses,
 * or a new one, and gives it back unless it was cancelled. A context never serves two accounts.
 * Bounded: a few idle contexts per account, and the accounts used least recently go first.
 */
final class ContextPool {
    private final int idlePerAccount;
    private final int idleTotal;
    private final Map<String, ArrayDeque<ScriptContext>> idle = new LinkedHashMap<>(16, 0.75f, true);
    private int idleCount;
    private boolean closed;

    ContextPool(int idlePerAccount, int idleTotal) {
        this.idlePerAccount = idlePerAccount;
        this.idleTotal = idleTotal;
    }

    ScriptContext borrow(String accountId, long statements) {
        String key = statements + "/" + accountId;
        synchronized (this) {
            ArrayDeque<ScriptContext> free = idle.get(key);
            if (free != null && !free.isEmpty()) {
                idleCount--;
                ScriptContext context = free.pop();
                if (free.isEmpty()) {
                    idle.remove(key);
                }
                return context;
            }
        }
        return ScriptContext.open(key, statements);
    }

    void giveBack(ScriptContext context) {
        List<ScriptContext> evicted = new ArrayList<>();
        synchronized (this) {
            ArrayDeque<ScriptContext> free = idle.computeIfAbsent(context.poolKey, k -> new ArrayDeque<>());
            if (closed || free.size() >= idlePerAccount) {
                evicted.add(context);
            } else {
                free.push(context);
                idleCount++;
            }
            Iterator<ArrayDeque<ScriptContext>> eldest = idle.values().iterator();
            while (idleCount > idleTotal && eldest.hasNext()) {
                ArrayDeque<ScriptContext> oldest = eldest.next();
                idleCount -= oldest.size();
                evicted.addAll(oldest);
                eldest.remove();
            }
            if (free.isEmpty()) {
                idle.remove(context.poolKey);
            }
        }
        evicted.forEach(ScriptContext::close);
    }

    void close() {
        List<ScriptContext> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            idle.values().forEach(all::addAll);
            idle.clear();
            idleCount = 0;
        }
        all.forEach(ScriptContext::close);
    }
}
