// Writes many small Omada notificationSettings XML files for benchmarks: deterministic (same
// arguments, same bytes), modelled on fixtures/xml/{ok,err}. About 60% are clean (clouds mixed,
// tenant GUIDs or domains, a comment now and then, a few with CRLF or a UTF-8 BOM); the rest have
// one typical mistake each, 1 in 4 of them a malformed file (the seed sample's declaration and
// attributes written as text, a misspelt end tag, a bare "&", a truncated file), the others
// well-formed with a finding (host, port, TLS mode, scope, GUID, tenant, user name, misspelt
// attribute, missing namespace, literal secret).
//
//   node bench/gen-xml.mjs OUT-FOLDER [--files N] [--seed S]
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseGeneratorArguments } from "./lib/generator-arguments.mjs";
import { prng } from "./lib/prng.mjs";

const NAMESPACE = "http://schemas.omada.net/ois/2022/NotificationSettingsML";
const COMPANIES = ["contoso", "fabrikam", "northwind", "tailspin", "wingtip", "litware", "woodgrove", "lucerne"];
const MAILBOXES = ["omada-notify", "identity-team", "noreply", "iam-alerts", "access-reviews"];
const CLOUDS = [
  // weight, instance, host, scope resource: the pairs of fixtures/xml/ok/cloud-*.xml
  [70, "https://login.microsoftonline.com", "smtp.office365.com", "https://outlook.office365.com"],
  [10, "https://login.microsoftonline.com", "smtp.office365.com", "https://outlook.office.com"],
  [8, "https://login.microsoftonline.us", "smtp.office365.us", "https://outlook.office365.us"],
  [5, "https://login.microsoftonline.us", "outlook-dod.office365.us", "https://outlook-dod.office365.us"],
  [5, "https://login.chinacloudapi.cn", "smtp.partner.outlook.cn", "https://partner.outlook.cn"],
  [2, "https://login.partner.microsoftonline.cn", "smtp.partner.outlook.cn", "https://partner.outlook.cn"],
];

/** The values of one file; a mistake changes one of them, or the text. */
function values(random, index) {
  const [instance, host, resource] = random.weighted(CLOUDS.map(([weight, ...cloud]) => [weight, cloud]));
  const company = `${random.pick(COMPANIES)}${index}`;
  return {
    declaration: '<?xml version="1.0" encoding="utf-8"?>',
    comment: random.int(1, 3) === 1 ? `<!-- notificationSettings for ${company} (${random.pick(["prod", "test"])}) -->` : undefined,
    root: `<notificationSettings xmlns="${NAMESPACE}">`,
    host,
    port: "587",
    tls: ' secureSocketOptions="StartTls"',
    instance,
    clientIdName: "clientId",
    clientId: random.guid(),
    secret: "{{SMTP_CLIENT_SECRET}}",
    tenantId: random.int(1, 5) === 1 ? `${company}.onmicrosoft.com` : random.guid(),
    userName: `${random.pick(MAILBOXES)}@${company}.example.com`,
    scopes: `${resource}/.default`,
    credentialsEnd: " />",
    networkEnd: "</network>",
  };
}

function render(v) {
  return [
    v.declaration,
    ...(v.comment ? [v.comment] : []),
    v.root,
    "  <smtp>",
    `    <network host="${v.host}" port="${v.port}"${v.tls}>`,
    "      <azureAdClientCredentials",
    `        instance="${v.instance}"`,
    `        ${v.clientIdName}="${v.clientId}"`,
    `        clientSecret="${v.secret}"`,
    `        tenantId="${v.tenantId}"`,
    `        userName="${v.userName}"`,
    `        scopes="${v.scopes}"${v.credentialsEnd}`,
    `    ${v.networkEnd}`,
    "  </smtp>",
    "</notificationSettings>",
    "",
  ].join("\n");
}

/** Mistakes that leave the file well-formed: `xmllint --noout` accepts them, smtpcfg reports them. */
const SEMANTIC = [
  ["host-typo", (v) => (v.host = "smtp.office356.com")],
  ["host-legacy", (v) => (v.host = "smtp-legacy.office365.com")],
  ["host-consumer-outlook", (v) => (v.host = "smtp-mail.outlook.com")],
  ["port-25", (v) => (v.port = "25")],
  ["tls-missing", (v) => (v.tls = "")],
  ["tls-none", (v) => (v.tls = ' secureSocketOptions="None"')],
  ["tls-starttls-when-available", (v) => (v.tls = ' secureSocketOptions="StartTlsWhenAvailable"')],
  ["scope-smtp-sendasapp", (v) => (v.scopes = "SMTP.SendAsApp")],
  ["scope-graph-default", (v) => (v.scopes = "https://graph.microsoft.com/.default")],
  ["client-id-braces", (v) => (v.clientId = `{${v.clientId}}`)],
  ["tenant-id-common", (v) => (v.tenantId = "common")],
  ["username-no-domain", (v) => (v.userName = v.userName.split("@")[0])],
  ["attributes-misspelt", (v) => (v.clientIdName = "clientID")],
  ["namespace-missing", (v) => (v.root = "<notificationSettings>")],
  ["secret-literal", (v) => (v.secret = "fake~Secret.Value-for-tests_0123456789ab")],
];
/** Mistakes that make the file malformed: both tools reject it. */
const MALFORMED = [
  ["decl-missing-question-mark", (v) => (v.declaration = '<?xml version="1.0" encoding="utf-8">')],
  ["ampersand-in-secret", (v) => (v.secret = "{{SMTP&CLIENT_SECRET}}")],
  ["end-tag-misspelt", (v) => (v.networkEnd = "</netwrok>")],
  [
    "attributes-as-text",
    (v) => {
      v.clientIdName = `>\n        clientId`;
      v.credentialsEnd = "\n      />";
    },
  ],
];
const TRUNCATED = "truncated-file";

/**
 * The files, in order: { name, text, kind } with kind "clean", "finding" or "malformed".
 * Deterministic for a given count and seed.
 */
export function generateXmlFiles({ files = 10_000, seed = 1 } = {}) {
  if (!Number.isInteger(files) || files < 1) throw new Error(`files must be a positive integer, not ${files}`);
  const random = prng(seed);
  const digits = Math.max(5, String(files).length);
  const out = [];
  for (let i = 1; i <= files; i++) {
    const v = values(random, i);
    const roll = random.int(1, 100);
    let kind = "clean";
    let mistake = "ok";
    let truncate = false;
    if (roll <= 30) {
      [mistake] = random.pick(SEMANTIC);
      SEMANTIC.find(([name]) => name === mistake)[1](v);
      kind = "finding";
    } else if (roll <= 40) {
      kind = "malformed";
      if (roll === 40) {
        mistake = TRUNCATED;
        truncate = true;
      } else {
        const [name, apply] = random.pick(MALFORMED);
        mistake = name;
        apply(v);
      }
    }
    let text = render(v);
    if (truncate) text = text.slice(0, text.indexOf("    </network>"));
    // A few clean files written on Windows: CRLF, or a UTF-8 BOM.
    if (kind === "clean" && random.int(1, 20) === 1) text = text.replace(/\n/g, "\r\n");
    if (kind === "clean" && random.int(1, 20) === 1) text = `\uFEFF${text}`;
    out.push({ name: `${String(i).padStart(digits, "0")}-${mistake}.xml`, text, kind });
  }
  return out;
}

/** Writes the files into `dir` (created if missing); returns them with their total size in bytes. */
export function writeXmlFiles(dir, options) {
  const generated = generateXmlFiles(options);
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (const file of generated) {
    const data = Buffer.from(file.text, "utf8");
    writeFileSync(join(dir, file.name), data);
    bytes += data.length;
  }
  return { files: generated, bytes };
}

function parseArguments(argv) {
  return parseGeneratorArguments(argv, {
    count: "files",
    defaults: { files: 10_000, seed: 1 },
    usage: "node bench/gen-xml.mjs OUT-FOLDER [--files N] [--seed S]",
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const { out, options } = parseArguments(process.argv.slice(2));
    const { files, bytes } = writeXmlFiles(out, options);
    const count = (kind) => files.filter((f) => f.kind === kind).length;
    process.stderr.write(
      `gen-xml: wrote ${files.length} files (${(bytes / 1024).toFixed(0)} KiB) to ${out}: ${count("clean")} clean, ${count("finding")} with a finding, ${count("malformed")} malformed\n`,
    );
  } catch (error) {
    process.stderr.write(`gen-xml: ${error.message}\n`);
    process.exitCode = 2;
  }
}
