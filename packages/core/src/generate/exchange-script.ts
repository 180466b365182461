import { CLOUDS } from "../clouds.js";
import type { App, Mailbox } from "../config/model.js";
import type { GeneratedFrom } from "./header.js";
import { psLiteral } from "./literal.js";
import { formatted, GRAPH_MODULES, scriptPreamble } from "./powershell-header.js";
import type { Located, TenantTargets } from "./targets.js";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const PURPOSE = [
  "Exchange Online: registers each app's service principal with Exchange Online by the object id of",
  "its Enterprise application (never the app registration's), gives it FullAccess (and SendAs where",
  "the config asks) on its mailboxes, and sets SMTP AUTH per mailbox. It changes only what differs,",
  "so it is safe to run again; -WhatIf shows what it would change. Run 01-entra-app.ps1 first.",
];

const EXCHANGE_MODULE = "@{ ModuleName = 'ExchangeOnlineManagement'; ModuleVersion = '3.0.0' }";

/** An app whose configured servicePrincipalObjectId is another of its ids: the App vs Enterprise Object ID trap. */
export interface ObjectIdTrap {
  app: Located<App>;
  /** Which id it equals. */
  equals: "applicationObjectId" | "clientId";
}

/** Apps whose servicePrincipalObjectId equals their applicationObjectId or clientId. */
export function objectIdTraps(apps: readonly Located<App>[]): ObjectIdTrap[] {
  return apps.flatMap((app): ObjectIdTrap[] => {
    const { servicePrincipalObjectId, applicationObjectId, clientId } = app.value;
    if (servicePrincipalObjectId === undefined) return [];
    const same = (other: string | undefined) => other !== undefined && other.toLowerCase() === servicePrincipalObjectId.toLowerCase();
    if (same(applicationObjectId)) return [{ app, equals: "applicationObjectId" }];
    if (same(clientId)) return [{ app, equals: "clientId" }];
    return [];
  });
}

/**
 * Each app whose client id an app before it in the tenant already has, with that first app. They
 * are one app registration, and Exchange Online registers its service principal once: a second
 * New-ServicePrincipal for the same AppId fails ("already exists") and stops the script halfway.
 */
function sharedClientIds(apps: readonly Located<App>[]): Map<Located<App>, Located<App>> {
  const firstWith = new Map<string, Located<App>>();
  const shared = new Map<Located<App>, Located<App>>();
  for (const app of apps) {
    const clientId = app.value.clientId.toLowerCase();
    const first = firstWith.get(clientId);
    if (first === undefined) firstWith.set(clientId, app);
    else shared.set(app, first);
  }
  return shared;
}

/** Apps that share a client id but not a servicePrincipalObjectId (one of them given, the other not, included). */
function objectIdConflicts(shared: ReadonlyMap<Located<App>, Located<App>>): [Located<App>, Located<App>][] {
  const objectIdOf = (app: Located<App>) => app.value.servicePrincipalObjectId?.toLowerCase();
  return [...shared].filter(([app, first]) => objectIdOf(app) !== objectIdOf(first));
}

/**
 * The script for a config that falls into the trap, or gives one client id two object ids: it stops
 * before connecting, with the explanation. Registering a wrong id would succeed, and every send
 * would fail later with 535 5.7.3.
 */
function refusal(traps: readonly ObjectIdTrap[], conflicts: readonly [Located<App>, Located<App>][]): string[] {
  const trapLines = traps.map(({ app, equals }) => {
    const message = `The config gives app {0} a servicePrincipalObjectId ({1}) equal to its ${equals}. Exchange Online needs the object id of the app's service principal: Microsoft Entra admin center, Enterprise applications, the app, Overview, Object ID (not App registrations). Registering this id would succeed, and every login would then fail with 535 5.7.3. Correct servicePrincipalObjectId in the config, run smtpcfg generate, then this script.`;
    return `throw ${formatted(message, psLiteral(app.value.name), psLiteral(app.value.servicePrincipalObjectId as string))}`;
  });
  // One app registration has one service principal per tenant: which id is right is not known, so neither is registered.
  const conflictLines = conflicts.map(([app, first]) => {
    const message =
      "The config gives apps {0} and {1} the same client id {2}, so they are one app registration with one service principal, but different servicePrincipalObjectIds ({3} and {4}). Give both the object id of that service principal (Microsoft Entra admin center, Enterprise applications, the app, Overview, Object ID), run smtpcfg generate, then this script.";
    const objectId = (located: Located<App>) => psLiteral(located.value.servicePrincipalObjectId ?? "none");
    return `throw ${formatted(message, psLiteral(first.value.name), psLiteral(app.value.name), psLiteral(first.value.clientId), objectId(first), objectId(app))}`;
  });
  return [...trapLines, ...conflictLines];
}

/**
 * Stops the script unless the cmdlets below reach the config's tenant. They go to the connection
 * Connect-ExchangeOnline has just made: each connection imports its cmdlets anew, and the newest
 * import wins. Get-ConnectionInformation lists every connection of the PowerShell session, so an
 * older one to the config's tenant would let a cached sign-in to another tenant pass: only the
 * newest connection (the highest Id) counts. Other connections are left open rather than closed
 * first: they may be the admin's other work, and -WhatIf must change nothing, sessions included.
 * Get-AcceptedDomain is one of those cmdlets, so a domain tenant's check already asks the newest
 * connection.
 */
function tenantCheck(tenantId: string): string[] {
  if (GUID.test(tenantId)) {
    return [
      "# Stop before changing anything in a tenant other than the config's. The cmdlets below go to the connection",
      "# just made, the newest (highest Id); older connections of this session do not count.",
      "$connection = Get-ConnectionInformation | Sort-Object -Property Id | Select-Object -Last 1",
      `if ($null -eq $connection -or $connection.TenantID -ne ${psLiteral(tenantId)}) {`,
      `    throw ${formatted("Connect-ExchangeOnline has connected to a tenant other than {0}: run Disconnect-ExchangeOnline, then this script again, and sign in to that tenant.", psLiteral(tenantId))}`,
      "}",
    ];
  }
  return [
    "# Stop before changing anything in a tenant other than the config's. Get-AcceptedDomain, like the cmdlets below,",
    "# goes to the connection just made.",
    `if (@(Get-AcceptedDomain | Where-Object { $_.DomainName -eq ${psLiteral(tenantId)} }).Count -eq 0) {`,
    `    throw ${formatted("Exchange Online is connected to a tenant without the domain {0}: run Disconnect-ExchangeOnline, then this script again, and sign in to that tenant.", psLiteral(tenantId))}`,
    "}",
  ];
}

const ORGANIZATION = [
  "",
  "# SMTP AUTH for the whole organisation: mailboxes set to inherit follow it, a mailbox's own setting wins.",
  "$organizationSmtpAuthDisabled = [bool](Get-TransportConfig).SmtpClientAuthenticationDisabled",
  "if ($organizationSmtpAuthDisabled) {",
  "    Write-Host 'SMTP AUTH is disabled for the organisation (Get-TransportConfig: SmtpClientAuthenticationDisabled is True): only mailboxes that enable it themselves accept it.'",
  "}",
  "else {",
  "    Write-Host 'SMTP AUTH is enabled for the organisation (Get-TransportConfig: SmtpClientAuthenticationDisabled is False).'",
  "}",
  "$registrations = @(Get-ServicePrincipal)",
];

/**
 * The app's service principal registration; `objectId` is the literal or the variable the lookup set.
 * An app that shares its client id with `registeredWith`, an app before it, is registered by that app's section.
 */
function appSection(app: Located<App>, objectId: string, registeredWith?: Located<App>): string[] {
  const { name, clientId, displayName, servicePrincipalObjectId } = app.value;
  const lookup =
    servicePrincipalObjectId === undefined
      ? [
          "# No servicePrincipalObjectId in the config: ask Microsoft Graph for the Enterprise application's object id.",
          `$servicePrincipals = @(Get-MgServicePrincipal -Filter ${formatted("appId eq '{0}'", psLiteral(clientId))})`,
          "if ($servicePrincipals.Count -ne 1) {",
          `    throw ${formatted("App {0} (client id {1}) has no service principal (Enterprise application) in Microsoft Entra ID: run 01-entra-app.ps1 first.", psLiteral(name), psLiteral(clientId))}`,
          "}",
          "$servicePrincipalObjectId = $servicePrincipals[0].Id",
          `Write-Host ${formatted("App {0}: service principal object id {1}, from Microsoft Graph; put it into the config as servicePrincipalObjectId.", psLiteral(name), "$servicePrincipalObjectId")}`,
        ]
      : [`Write-Host ${formatted("App {0}: service principal object id {1}", psLiteral(name), objectId)}`];
  if (registeredWith !== undefined) {
    return [
      "",
      ...lookup,
      `Write-Host ${formatted("App {0} has the client id of app {1}: the same app registration, whose service principal is registered with Exchange Online above.", psLiteral(name), psLiteral(registeredWith.value.name))}`,
    ];
  }
  return [
    "",
    ...lookup,
    `$registration = @($registrations | Where-Object { $_.AppId -eq ${psLiteral(clientId)} })`,
    "if ($registration.Count -eq 0) {",
    `    if ($PSCmdlet.ShouldProcess(${psLiteral(name)}, 'Register the service principal with Exchange Online (New-ServicePrincipal)')) {`,
    `        $null = New-ServicePrincipal -AppId ${psLiteral(clientId)} -ObjectId ${objectId} -DisplayName ${psLiteral(displayName ?? name)}`,
    "    }",
    "}",
    `elseif ($registration[0].ObjectId -ne ${objectId}) {`,
    `    throw ${formatted("Exchange Online has app {0} registered with the object id {1}, not with its service principal's {2}: that registration cannot send (535 5.7.3). Remove it with Remove-ServicePrincipal -Identity {1}, then run this script again.", psLiteral(name), "$registration[0].ObjectId", objectId)}`,
    "}",
  ];
}

function mailboxSection(mailbox: Mailbox, objectId: string): string[] {
  const address = psLiteral(mailbox.address);
  const access = mailbox.access ?? ["FullAccess"];
  const lines = ["", `Write-Host ${formatted("Mailbox {0}", address)}`];
  if (access.includes("FullAccess")) {
    lines.push(
      `$fullAccess = @(Get-MailboxPermission -Identity ${address} -User ${objectId} -ErrorAction SilentlyContinue | Where-Object { ($_.AccessRights -join ',') -match 'FullAccess' })`,
      `if ($fullAccess.Count -eq 0 -and $PSCmdlet.ShouldProcess(${address}, 'Give the service principal FullAccess (Add-MailboxPermission)')) {`,
      `    $null = Add-MailboxPermission -Identity ${address} -User ${objectId} -AccessRights FullAccess`,
      "}",
    );
  }
  if (access.includes("SendAs")) {
    lines.push(
      `$sendAs = @(Get-RecipientPermission -Identity ${address} -Trustee ${objectId} -AccessRights SendAs -ErrorAction SilentlyContinue)`,
      `if ($sendAs.Count -eq 0 -and $PSCmdlet.ShouldProcess(${address}, 'Let the service principal send as the mailbox (Add-RecipientPermission)')) {`,
      `    $null = Add-RecipientPermission -Identity ${address} -Trustee ${objectId} -AccessRights SendAs -Confirm:$false`,
      "}",
    );
  }
  lines.push(`$casMailbox = Get-CASMailbox -Identity ${address}`);
  if ((mailbox.smtpClientAuth ?? "enabled") === "enabled") {
    lines.push(
      `if ($casMailbox.SmtpClientAuthenticationDisabled -ne $false -and $PSCmdlet.ShouldProcess(${address}, 'Enable SMTP AUTH for the mailbox (Set-CASMailbox)')) {`,
      `    Set-CASMailbox -Identity ${address} -SmtpClientAuthenticationDisabled $false`,
      "}",
    );
  } else {
    lines.push(
      "if ($organizationSmtpAuthDisabled) {",
      `    Write-Warning ${formatted("{0} inherits the organisation's SMTP AUTH setting, which is disabled: it cannot authenticate (535 5.7.139) until the config sets smtpClientAuth: enabled for it.", address)}`,
      "}",
      `if ($null -ne $casMailbox.SmtpClientAuthenticationDisabled -and $PSCmdlet.ShouldProcess(${address}, 'Let the mailbox inherit the organisation''s SMTP AUTH setting (Set-CASMailbox)')) {`,
      `    Set-CASMailbox -Identity ${address} -SmtpClientAuthenticationDisabled $null`,
      "}",
    );
  }
  return lines;
}

/** `<tenant>/02-exchange-online.ps1`: service principal registrations, mailbox permissions, SMTP AUTH per mailbox. */
export function renderExchangeScript(targets: TenantTargets, from: GeneratedFrom): string {
  const tenant = targets.tenant.value;
  const cloud = CLOUDS[tenant.cloud ?? "global"];
  const traps = objectIdTraps(targets.apps);
  const shared = sharedClientIds(targets.apps);
  const conflicts = objectIdConflicts(shared);
  const needsGraph = targets.apps.some((app) => app.value.servicePrincipalObjectId === undefined);
  const modules = needsGraph ? [EXCHANGE_MODULE, GRAPH_MODULES] : [EXCHANGE_MODULE];
  const lines = scriptPreamble(from, PURPOSE, modules);
  if (traps.length > 0 || conflicts.length > 0) return `${[...lines, ...refusal(traps, conflicts)].join("\n")}\n`;
  if (needsGraph) {
    lines.push(
      `Connect-MgGraph -Environment ${psLiteral(cloud.graphEnvironment)} -TenantId ${psLiteral(tenant.tenantId)} -Scopes 'Application.Read.All' -NoWelcome`,
    );
  }
  lines.push(
    `Connect-ExchangeOnline -ExchangeEnvironmentName ${psLiteral(cloud.exchangeEnvironmentName)} -ShowBanner:$false`,
    `Write-Host ${formatted("Tenant {0} ({1})", psLiteral(tenant.name), psLiteral(tenant.tenantId))}`,
    ...tenantCheck(tenant.tenantId),
    ...ORGANIZATION,
  );
  for (const app of targets.apps) {
    const objectId =
      app.value.servicePrincipalObjectId === undefined ? "$servicePrincipalObjectId" : psLiteral(app.value.servicePrincipalObjectId);
    lines.push(...appSection(app, objectId, shared.get(app)));
    for (const mailbox of targets.mailboxes) {
      if (mailbox.app === app) lines.push(...mailboxSection(mailbox.value, objectId));
    }
  }
  return `${lines.join("\n")}\n`;
}
