import { CLOUDS, EXCHANGE_ONLINE_APP_ID } from "../clouds.js";
import type { App } from "../config/model.js";
import type { GeneratedFrom } from "./header.js";
import { psLiteral } from "./literal.js";
import { formatted, GRAPH_MODULES, scriptPreamble } from "./powershell-header.js";
import type { Located, TenantTargets } from "./targets.js";

/** SMTP.SendAsApp's app role id as third parties report it: the scripts look the role up by value and only cross-check this. */
export const KNOWN_SEND_AS_APP_ROLE_ID = "7146a1f0-8703-45b3-9eae-527a64c00995";

/**
 * A new client secret's lifetime without -ClientSecretEndDate: the Microsoft Entra admin center's
 * recommended choice (180 days; Microsoft recommends less than 12 months), and the longest lifetime
 * it allows (24 months), which -ClientSecretEndDate may not exceed either.
 */
export const DEFAULT_SECRET_LIFETIME_DAYS = 180;
export const LONGEST_SECRET_LIFETIME_MONTHS = 24;

export interface EntraApp {
  app: Located<App>;
  /** The certificate file as the script reads it, relative to the script's folder. */
  certificateFile?: string;
  /** A client secret can be created for it: it authenticates with one, or an Omada entry needs one. */
  needsClientSecret: boolean;
}

const PURPOSE = [
  "Microsoft Entra ID, with Microsoft Graph PowerShell: makes sure each app registration below exists,",
  "holds the application permission SMTP.SendAsApp of Office 365 Exchange Online with admin consent,",
  "and has its service principal (the Enterprise application). It changes only what is missing, so",
  "it is safe to run again; -WhatIf shows what it would change. -NewClientSecret also creates a",
  "client secret for the apps that need one: its value is printed once and written nowhere. It expires",
  "on -ClientSecretEndDate (yyyy-MM-dd) when given, else an app's first secret on the config's",
  `credential.expires, else ${DEFAULT_SECRET_LIFETIME_DAYS} days from today. Then run 02-exchange-online.ps1.`,
];

// The helpers hold no config value: every value reaches them as a single-quoted literal argument.
const HELPERS = `# Office 365 Exchange Online, and the id its SMTP.SendAsApp role is known by elsewhere: the role
# is looked up by its value, the id only cross-checks it.
$ExchangeOnlineAppId = '${EXCHANGE_ONLINE_APP_ID}'
$KnownSendAsAppRoleId = '${KNOWN_SEND_AS_APP_ROLE_ID}'

# A new client secret lives ${DEFAULT_SECRET_LIFETIME_DAYS} days unless -ClientSecretEndDate says otherwise: the lifetime the
# Microsoft Entra admin center recommends. ${LONGEST_SECRET_LIFETIME_MONTHS} months is the longest it offers.
$DefaultSecretLifetimeDays = ${DEFAULT_SECRET_LIFETIME_DAYS}
$LongestSecretLifetimeMonths = ${LONGEST_SECRET_LIFETIME_MONTHS}

function ConvertTo-ODataString {
    param([Parameter(Mandatory)] [string] $Value)
    return "'" + $Value.Replace("'", "''") + "'"
}

function ConvertTo-SecretEndDate {
    # A yyyy-MM-dd date as a client secret's end date (UTC), or $null unless it is after today and at most ${LONGEST_SECRET_LIFETIME_MONTHS} months ahead.
    param([Parameter(Mandatory)] [string] $Date)
    $endDate = [datetime]::MinValue
    if (-not [datetime]::TryParseExact($Date, 'yyyy-MM-dd', [cultureinfo]::InvariantCulture, [System.Globalization.DateTimeStyles]::None, [ref] $endDate)) {
        return $null
    }
    $today = (Get-Date).ToUniversalTime().Date
    if ($endDate -le $today -or $endDate -gt $today.AddMonths($LongestSecretLifetimeMonths)) { return $null }
    return [datetime]::SpecifyKind($endDate, 'Utc')
}

function Get-SendAsAppRole {
    $resources = @(Get-MgServicePrincipal -Filter ('appId eq {0}' -f (ConvertTo-ODataString $ExchangeOnlineAppId)))
    if ($resources.Count -ne 1) {
        throw 'Office 365 Exchange Online has no service principal in this tenant: is Exchange Online part of its subscription?'
    }
    $roles = @()
    foreach ($role in $resources[0].AppRoles) {
        if ($role.Value -eq 'SMTP.SendAsApp' -and $role.AllowedMemberTypes -contains 'Application') { $roles += $role }
    }
    if ($roles.Count -ne 1) {
        throw 'Office 365 Exchange Online offers no application permission SMTP.SendAsApp in this tenant.'
    }
    if ($roles[0].Id -ne $KnownSendAsAppRoleId) {
        Write-Warning ('SMTP.SendAsApp has the id {0} in this tenant, not {1} as elsewhere: using {0}, as looked up.' -f $roles[0].Id, $KnownSendAsAppRoleId)
    }
    return [pscustomobject]@{ ResourceId = $resources[0].Id; RoleId = $roles[0].Id }
}

function Set-SmtpSendAsApp {
    # One app registration: present, with SMTP.SendAsApp consented and a service principal. Returns its ids.
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [string] $DisplayName,
        [Parameter(Mandatory)] [string] $ClientId,
        [string] $ApplicationObjectId,
        [string] $ServicePrincipalObjectId,
        [string] $CertificateFile,
        [string] $ClientSecretEndDate,
        [string] $ConfiguredExpires,
        [switch] $NewClientSecret,
        [Parameter(Mandatory)] [pscustomobject] $SendAsApp
    )
    Write-Host ('App {0} ({1}), client id {2}' -f $Name, $DisplayName, $ClientId)

    $applications = @(Get-MgApplication -Filter ('appId eq {0}' -f (ConvertTo-ODataString $ClientId)))
    if ($applications.Count -eq 0) {
        $named = @(Get-MgApplication -Filter ('displayName eq {0}' -f (ConvertTo-ODataString $DisplayName)))
        if ($named.Count -gt 0) {
            $clientIds = ($named | ForEach-Object { $_.AppId }) -join ', '
            throw ('No app registration has the client id {0} that the config gives app {1}, but {2} is the client id of one named {3}: put the right one into the config, run smtpcfg generate, then this script again.' -f $ClientId, $Name, $clientIds, $DisplayName)
        }
        if (-not $PSCmdlet.ShouldProcess($DisplayName, 'Create the app registration')) { return }
        $applications = @(New-MgApplication -DisplayName $DisplayName -SignInAudience 'AzureADMyOrg')
        Write-Warning ('Created the app registration {0}: its client id is {1}, not {2} as in the config. Put the ids printed at the end into the config and run smtpcfg generate before 02-exchange-online.ps1.' -f $DisplayName, $applications[0].AppId, $ClientId)
    }
    $application = $applications[0]
    if ($ApplicationObjectId -and $application.Id -ne $ApplicationObjectId) {
        Write-Warning ('The config gives app {0} the applicationObjectId {1}, but the app registration has the object id {2}: correct the config.' -f $Name, $ApplicationObjectId, $application.Id)
    }

    # SMTP.SendAsApp of Office 365 Exchange Online, added beside the permissions the app already has.
    $hasPermission = $false
    $requiredResourceAccess = @()
    foreach ($resource in $application.RequiredResourceAccess) {
        $entries = @()
        foreach ($access in $resource.ResourceAccess) {
            if ($resource.ResourceAppId -eq $ExchangeOnlineAppId -and $access.Id -eq $SendAsApp.RoleId -and $access.Type -eq 'Role') { $hasPermission = $true }
            $entries += @{ Id = $access.Id; Type = $access.Type }
        }
        $requiredResourceAccess += @{ ResourceAppId = $resource.ResourceAppId; ResourceAccess = $entries }
    }
    if (-not $hasPermission) {
        $listed = $false
        foreach ($entry in $requiredResourceAccess) {
            if ($entry.ResourceAppId -eq $ExchangeOnlineAppId) {
                $entry.ResourceAccess += @{ Id = $SendAsApp.RoleId; Type = 'Role' }
                $listed = $true
            }
        }
        if (-not $listed) {
            $requiredResourceAccess += @{ ResourceAppId = $ExchangeOnlineAppId; ResourceAccess = @(@{ Id = $SendAsApp.RoleId; Type = 'Role' }) }
        }
        if ($PSCmdlet.ShouldProcess($DisplayName, 'Add the application permission SMTP.SendAsApp of Office 365 Exchange Online')) {
            Update-MgApplication -ApplicationId $application.Id -RequiredResourceAccess $requiredResourceAccess
        }
    }

    # The service principal (Enterprise application): its object id is the one Exchange Online needs.
    $servicePrincipals = @(Get-MgServicePrincipal -Filter ('appId eq {0}' -f (ConvertTo-ODataString $application.AppId)))
    if ($servicePrincipals.Count -eq 0) {
        if (-not $PSCmdlet.ShouldProcess($DisplayName, 'Create the service principal (Enterprise application)')) { return }
        $servicePrincipals = @(New-MgServicePrincipal -AppId $application.AppId)
    }
    $servicePrincipal = $servicePrincipals[0]
    if ($ServicePrincipalObjectId -and $servicePrincipal.Id -ne $ServicePrincipalObjectId) {
        Write-Warning ('The config gives app {0} the servicePrincipalObjectId {1}, but its service principal (Enterprise application) has the object id {2}: correct the config and run smtpcfg generate before 02-exchange-online.ps1, which registers that id with Exchange Online.' -f $Name, $ServicePrincipalObjectId, $servicePrincipal.Id)
    }

    # Admin consent: the app role assignment of SMTP.SendAsApp to the service principal.
    $consented = $false
    foreach ($assignment in (Get-MgServicePrincipalAppRoleAssignment -ServicePrincipalId $servicePrincipal.Id -All)) {
        if ($assignment.AppRoleId -eq $SendAsApp.RoleId -and $assignment.ResourceId -eq $SendAsApp.ResourceId) { $consented = $true }
    }
    if (-not $consented -and $PSCmdlet.ShouldProcess($DisplayName, 'Grant admin consent for SMTP.SendAsApp')) {
        $null = New-MgServicePrincipalAppRoleAssignment -ServicePrincipalId $servicePrincipal.Id -PrincipalId $servicePrincipal.Id -ResourceId $SendAsApp.ResourceId -AppRoleId $SendAsApp.RoleId
    }

    if ($CertificateFile) {
        $certificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new((Join-Path $PSScriptRoot $CertificateFile))
        $uploaded = $false
        $otherCertificates = 0
        foreach ($key in $application.KeyCredentials) {
            if ($null -ne $key.CustomKeyIdentifier -and [System.BitConverter]::ToString($key.CustomKeyIdentifier).Replace('-', '') -eq $certificate.Thumbprint) { $uploaded = $true }
            else { $otherCertificates++ }
        }
        if (-not $uploaded) {
            if ($otherCertificates -gt 0) {
                # Graph replaces the whole list of certificates on update: never drop the ones already there.
                Write-Warning ('App {0} has other certificates: upload {1} in the Microsoft Entra admin center (App registrations, the app, Certificates and secrets).' -f $Name, $CertificateFile)
            }
            elseif ($PSCmdlet.ShouldProcess($DisplayName, 'Upload the certificate')) {
                Update-MgApplication -ApplicationId $application.Id -KeyCredentials @(@{ Type = 'AsymmetricX509Cert'; Usage = 'Verify'; Key = $certificate.RawData; DisplayName = $certificate.Subject })
            }
        }
    }

    if ($NewClientSecret) {
        # Once the app has a secret, the config's credential.expires is that secret's expiry: a secret that
        # replaces it must not expire with it. Only an app's first secret takes the configured date.
        $secretCount = @($application.PasswordCredentials | Where-Object { $null -ne $_ }).Count
        $configuredEndDate = if ($ConfiguredExpires -and $secretCount -eq 0) { ConvertTo-SecretEndDate $ConfiguredExpires } else { $null }
        if ($ClientSecretEndDate) {
            $endDate = ConvertTo-SecretEndDate $ClientSecretEndDate
            $origin = 'as -ClientSecretEndDate says'
        }
        elseif ($null -ne $configuredEndDate) {
            $endDate = $configuredEndDate
            $origin = 'the config''s credential.expires, as the app has no client secret yet'
        }
        else {
            $endDate = (Get-Date).ToUniversalTime().Date.AddDays($DefaultSecretLifetimeDays)
            $origin = '{0} days from today; -ClientSecretEndDate yyyy-MM-dd sets another date' -f $DefaultSecretLifetimeDays
        }
        $endDay = $endDate.ToString('yyyy-MM-dd', [cultureinfo]::InvariantCulture)
        if ($PSCmdlet.ShouldProcess($DisplayName, ('Create a client secret that expires on {0} ({1})' -f $endDay, $origin))) {
            $password = Add-MgApplicationPassword -ApplicationId $application.Id -PasswordCredential @{ DisplayName = 'smtpcfg'; EndDateTime = $endDate }
            Write-Warning ('The client secret of app {0} follows. It is shown this once and written nowhere: store its VALUE (not the secret ID) where the config''s clientSecret points, or in Omada, now.' -f $Name)
            Write-Host $password.SecretText
            if ($CertificateFile) {
                Write-Warning ('It expires on {0} ({1}). The config''s credential.expires is the certificate''s, so smtpcfg lint does not watch this date: create the next secret before it.' -f $endDay, $origin)
            }
            elseif ($endDay -eq $ConfiguredExpires) {
                Write-Host ('It expires on {0}, as the config''s credential.expires says.' -f $endDay)
            }
            elseif ($ConfiguredExpires) {
                Write-Warning ('It expires on {0} ({1}), not on {2} as the config''s credential.expires says: change that to {0} for app {3}, then run smtpcfg generate.' -f $endDay, $origin, $ConfiguredExpires, $Name)
            }
            else {
                Write-Warning ('It expires on {0} ({1}): add credential.expires: {0} to app {2} in the config, so that smtpcfg lint warns before it does.' -f $endDay, $origin, $Name)
            }
        }
    }

    return [pscustomobject]@{
        Name                     = $Name
        ClientId                 = $application.AppId
        ApplicationObjectId      = $application.Id
        ServicePrincipalObjectId = $servicePrincipal.Id
    }
}
`;

// Before connecting, so that a mistyped date changes nothing.
const SECRET_END_DATE_CHECK = `if ($ClientSecretEndDate -and $null -eq (ConvertTo-SecretEndDate $ClientSecretEndDate)) {
    throw ('-ClientSecretEndDate {0} is not a date after today and at most {1} months ahead, the longest client secret lifetime the Microsoft Entra admin center offers.' -f $ClientSecretEndDate, $LongestSecretLifetimeMonths)
}
if ($ClientSecretEndDate -and -not $NewClientSecret) {
    Write-Warning '-ClientSecretEndDate is the end date of the secrets -NewClientSecret creates: without -NewClientSecret, no secret is created.'
}
`;

const CLOSING = `
Write-Host ''
Write-Host 'The ids of the apps, for the config:'
foreach ($app in $apps) {
    if ($null -eq $app) { continue }
    Write-Host ('      - name: {0}' -f $app.Name)
    Write-Host ('        clientId: {0}' -f $app.ClientId)
    Write-Host ('        applicationObjectId: {0}' -f $app.ApplicationObjectId)
    Write-Host ('        servicePrincipalObjectId: {0}' -f $app.ServicePrincipalObjectId)
}
`;

function appCall({ app, certificateFile, needsClientSecret }: EntraApp): string {
  const { value } = app;
  const parameters = [
    `-Name ${psLiteral(value.name)}`,
    `-DisplayName ${psLiteral(value.displayName ?? value.name)}`,
    `-ClientId ${psLiteral(value.clientId)}`,
    ...(value.applicationObjectId ? [`-ApplicationObjectId ${psLiteral(value.applicationObjectId)}`] : []),
    ...(value.servicePrincipalObjectId ? [`-ServicePrincipalObjectId ${psLiteral(value.servicePrincipalObjectId)}`] : []),
    ...(certificateFile === undefined ? [] : [`-CertificateFile ${psLiteral(certificateFile)}`]),
    // expires is the certificate's when the app has one: a secret created for Omada never takes it.
    ...(needsClientSecret && value.credential.clientSecret !== undefined && value.credential.expires
      ? [`-ConfiguredExpires ${psLiteral(value.credential.expires)}`]
      : []),
    ...(needsClientSecret ? ["-NewClientSecret:$NewClientSecret", "-ClientSecretEndDate $ClientSecretEndDate"] : []),
    "-SendAsApp $sendAsApp",
  ];
  return `$apps += Set-SmtpSendAsApp ${parameters.join(" ")}`;
}

/** `<tenant>/01-entra-app.ps1`: the app registrations, SMTP.SendAsApp with admin consent, service principals, optional secrets. */
export function renderEntraScript(targets: TenantTargets, apps: readonly EntraApp[], from: GeneratedFrom): string {
  const tenant = targets.tenant.value;
  const lines = [
    ...scriptPreamble(
      from,
      PURPOSE,
      [GRAPH_MODULES],
      [
        "# Also create a client secret for each app that needs one; its value is printed once, never written.",
        "[switch] $NewClientSecret,",
        `# The new secrets' end date, yyyy-MM-dd (UTC): after today and at most ${LONGEST_SECRET_LIFETIME_MONTHS} months ahead. Without it: ${DEFAULT_SECRET_LIFETIME_DAYS} days`,
        "# from today, or for an app that has no client secret yet, the config's credential.expires.",
        "[ValidatePattern('^\\d{4}-\\d{2}-\\d{2}$')] [string] $ClientSecretEndDate",
      ],
    ),
    HELPERS,
    SECRET_END_DATE_CHECK,
    `Connect-MgGraph -Environment ${psLiteral(CLOUDS[tenant.cloud ?? "global"].graphEnvironment)} -TenantId ${psLiteral(tenant.tenantId)} -Scopes 'Application.ReadWrite.All', 'AppRoleAssignment.ReadWrite.All' -NoWelcome`,
    `Write-Host ${formatted("Tenant {0} ({1})", psLiteral(tenant.name), psLiteral(tenant.tenantId))}`,
    "$sendAsApp = Get-SendAsAppRole",
    "$apps = @()",
    ...apps.map(appCall),
    CLOSING,
  ];
  return `${lines.join("\n")}`;
}
