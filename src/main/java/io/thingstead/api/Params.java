package io.thingstead.api;

import io.thingstead.core.FieldSet;

/**
 * Query parameters routes share. Each route declares the parameters it reads when it is
 * registered; any other one is refused (a misspelt filter must not list everything).
 */
final class Params {
    /** {@code _method} overrides the method of a POST on every route (docs/connio.md: Paths and references). */
    static final FieldSet GLOBAL = FieldSet.of("_method");

    static final FieldSet NONE = FieldSet.of();

    /** Paging with the spellings Connio's SDKs send (README: API). */
    static final FieldSet PAGING = FieldSet.of("pageSize", "PageSize", "pagesize", "pageNo", "page", "Page", "pageno")
            .plus("skip", "Skip");

    /** An exact friendly-name filter, as the Python SDK sends it. */
    static final FieldSet FRIENDLY = FieldSet.of("friendlyName", "FriendlyName");

    private Params() {}

    static FieldSet paging(String... filters) {
        return PAGING.plus(filters);
    }
}
