/**
 * Accounts and sub-accounts, users, API clients, API keys with their contexts and scopes, and the
 * {@link io.thingstead.accounts.Principal} a request acts as. Owns authentication; never imports
 * api, storage or app.
 */
package io.thingstead.accounts;
