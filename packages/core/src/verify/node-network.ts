// The network verify runs on: msal-node for tokens, nodemailer for SMTP. Reached through its own
// entry (@smtpcfg/core/node-network), which the CLI bundles into a chunk loaded only when verify runs.
import { acquireToken } from "./msal-token.js";
import type { NetworkLimits, VerifyNetwork } from "./network.js";
import { openSmtp } from "./smtp-session.js";

export function createNodeNetwork(limits: NetworkLimits): VerifyNetwork {
  return {
    acquireToken: (request) => acquireToken(request, limits),
    openSmtp: (target) => openSmtp(target, limits),
  };
}
