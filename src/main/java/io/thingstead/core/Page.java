package io.thingstead.core;

import java.util.List;

/** A Connio list response: exactly {@code total, itemCount, numOfPages, pageNo, skip, results}. */
public record Page<T>(long total, int itemCount, long numOfPages, int pageNo, int skip, List<T> results) {
    public Page {
        results = List.copyOf(results);
    }

    /** Paging parameters, already validated. */
    public record Request(int pageSize, int pageNo, int skip) {
        public static final Request ALL = new Request(Integer.MAX_VALUE, 1, 0);
    }

    public static <T> Page<T> of(List<T> all, Request req) {
        long offset = (long) req.skip() + (long) (req.pageNo() - 1) * req.pageSize();
        List<T> slice = offset >= all.size()
                ? List.of()
                : all.subList((int) offset, (int) Math.min(all.size(), offset + req.pageSize()));
        long remaining = Math.max(0, all.size() - req.skip());
        long pages = remaining == 0 ? 0 : (remaining + req.pageSize() - 1) / req.pageSize();
        return new Page<>(all.size(), slice.size(), pages, req.pageNo(), req.skip(), List.copyOf(slice));
    }
}
