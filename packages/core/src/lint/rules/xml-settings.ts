import type { Rule } from "../rule.js";
import { configDrift } from "./config-drift.js";
import { guidFormat } from "./guid-format.js";
import { hostKnown } from "./host-known.js";
import { port } from "./port.js";
import { scopeDefault } from "./scope-default.js";
import { tlsMode } from "./tls-mode.js";
import { usernameMailbox } from "./username-mailbox.js";

/**
 * Rules for the values of a notificationSettings file: ids, scopes, TLS, hosts; in the order the
 * docs list them. The config rules that also check XML (inline-secret, secret-id-as-secret,
 * tenant-id-format, cloud-consistency) keep their place among the config rules.
 */
export const XML_SETTINGS_RULES: readonly Rule[] = [guidFormat, scopeDefault, tlsMode, port, usernameMailbox, hostKnown, configDrift];
