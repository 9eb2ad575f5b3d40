/**
 * Accounts and sub-accounts, users and their roles, API clients, API keys with their contexts and
 * scopes, and the {@link io.thingstead.accounts.Principal} a request acts as. Owns authentication
 * and the rule that a key never grants more than it holds. Never imports api, mqtt, storage or app.
 */
package io.thingstead.accounts;
