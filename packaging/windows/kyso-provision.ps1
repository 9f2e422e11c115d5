# kyso-provision.ps1 — Windows counterpart of the DEB's kyso-provision, run by the MSI as SYSTEM.
# Merges the given keys into %ProgramData%\Kyso\agent.properties (UTF-8, no BOM), imports trusted roots into
# %ProgramData%\Kyso\trust, and pre-approves the allowed origins for Local Network Access in Chrome, Edge and
# Chromium (HKLM\SOFTWARE\Policies\…\LocalNetworkAccessAllowedForUrls). -Remove undoes all of it.
# Exit code 1 with a message when Java is missing or older than 17, or a value is malformed; nothing is written then.
param(
    [string]$Java = "",
    [string]$AllowedOrigins = "",
    [string]$TokenLibraries = "",
    [string]$TsaUrl = "",
    [string]$PkiRemap = "",
    [string]$TrustImport = "",
    [string]$ProvisioningFile = "",
    [switch]$Remove
)
$ErrorActionPreference = "Stop"
$etc = Join-Path $env:ProgramData "Kyso"
$config = Join-Path $etc "agent.properties"
$record = "HKLM:\SOFTWARE\Kyso\Provisioning"
$policyBases = @("HKLM:\SOFTWARE\Policies\Google\Chrome", "HKLM:\SOFTWARE\Policies\Microsoft\Edge",
                 "HKLM:\SOFTWARE\Policies\Chromium")
$policyName = "LocalNetworkAccessAllowedForUrls"

function Fail([string]$message) {
    [Console]::Error.WriteLine("kyso-provision: $message")
    exit 1
}

function Remove-OurPolicies {
    if (-not (Test-Path $record)) { return }
    $ours = (Get-ItemProperty $record -Name PolicyValues -ErrorAction SilentlyContinue).PolicyValues
    foreach ($entry in @($ours)) {
        if (-not $entry) { continue }
        $key, $name = $entry -split "\|", 2
        Remove-ItemProperty -Path $key -Name $name -ErrorAction SilentlyContinue
        if ((Test-Path $key) -and ((Get-Item $key).ValueCount -eq 0) -and ((Get-Item $key).SubKeyCount -eq 0)) {
            Remove-Item $key
        }
    }
    Remove-ItemProperty -Path $record -Name PolicyValues -ErrorAction SilentlyContinue
}

if ($Remove) {
    Remove-OurPolicies
    if (Test-Path $record) { Remove-Item $record -Recurse }
    if ((Test-Path "HKLM:\SOFTWARE\Kyso") -and ((Get-Item "HKLM:\SOFTWARE\Kyso").SubKeyCount -eq 0)) {
        Remove-Item "HKLM:\SOFTWARE\Kyso"
    }
    if (Test-Path $etc) { Remove-Item $etc -Recurse -Force }
    exit 0
}

# Java 17 or later: the agent's classes need it, and the autostart entry points at its javaw.exe.
$javaExe = Join-Path $Java.Trim() "bin\java.exe"
if (-not $Java.Trim() -or -not (Test-Path $javaExe)) {
    Fail "Java not found ($javaExe). Kyso Agent cần Java 17 trở lên / needs Java 17 or later: pass KYSO_JAVA=C:\path\to\java"
}
$versionLine = (& $javaExe -version 2>&1 | Select-Object -First 1).ToString()
if ($versionLine -notmatch '"(\d+)(?:[.\-+"]|$)' -or [int]$Matches[1] -lt 17) {
    Fail "Java 17 or later needed, found: $versionLine"
}

$order = New-Object System.Collections.Generic.List[string]
$values = @{}
function Put([string]$key, [string]$value) {
    if (-not $values.ContainsKey($key)) { $order.Add($key) }
    $values[$key] = $value
}
function Read-Properties([string]$file, [scriptblock]$each) {
    foreach ($line in [IO.File]::ReadAllLines($file, [Text.Encoding]::UTF8)) {
        if ($line -match '^\s*([#!]|$)') { continue }
        if ($line -notmatch '^\s*([^=:\s]+)\s*[=:]\s*(.*?)\s*$') { Fail "$($file): cannot read '$line' (expected key=value)" }
        & $each $Matches[1] $Matches[2]
    }
}

$incoming = New-Object System.Collections.Generic.List[object]
$known = @("token.libraries", "token.discover", "login.policy", "origins.allowed", "server.port", "tsa.url",
           "trust.directory", "signing.offline", "pki.remap", "trust.import", "origins.pairing", "ui.language")
if ($ProvisioningFile.Trim()) {
    if (-not (Test-Path $ProvisioningFile.Trim())) { Fail "cannot read the provisioning file $($ProvisioningFile.Trim())" }
    Read-Properties $ProvisioningFile.Trim() { param($k, $v) $incoming.Add(@($k, $v)) }
}
foreach ($pair in @(@("origins.allowed", $AllowedOrigins), @("token.libraries", $TokenLibraries),
                    @("tsa.url", $TsaUrl), @("pki.remap", $PkiRemap), @("trust.import", $TrustImport))) {
    if ($pair[1].Trim()) { $incoming.Add(@($pair[0], $pair[1].Trim())) }
}
foreach ($item in $incoming) {
    $key, $value = $item
    if ($known -notcontains $key -and $key -notmatch '^token\.library\.\d+$') { Fail "unknown key '$key'" }
    switch ($key) {
        "origins.allowed" {
            foreach ($o in ($value -split '[,\s]+' | Where-Object { $_ })) {
                if ($o -notmatch '^https?://[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:\d{1,5})?$') {
                    Fail "origins.allowed: '$o' is not an origin (expected https://host[:port], no path)"
                }
            }
        }
        "tsa.url" { if ($value -notmatch '^https?://\S+$') { Fail "tsa.url: '$value' is not an http(s) URL" } }
        "origins.pairing" { if ($value -notin "true", "false") { Fail "origins.pairing: '$value' (expected true | false)" } }
        "ui.language" { if ($value -notin "vi", "en") { Fail "ui.language: '$value' (expected vi | en)" } }
        "pki.remap" {
            foreach ($e in ($value -split '[,\s]+' | Where-Object { $_ })) {
                if ($e -notmatch '^[A-Za-z0-9.-]+=[A-Za-z0-9.-]+(:\d{1,5})?$') { Fail "pki.remap: '$e' (expected host=host[:port])" }
            }
        }
        "trust.import" {
            foreach ($p in ($value -split ',' | ForEach-Object { $_.Trim() } | Where-Object { $_ })) {
                if (-not (Test-Path $p)) { Fail "trust.import: '$p' does not exist" }
            }
        }
    }
}

# Every value was checked; only now is anything written.
New-Item -ItemType Directory -Force -Path $etc | Out-Null
if (Test-Path $config) { Read-Properties $config { param($k, $v) Put $k $v } }
foreach ($item in $incoming) {
    $key, $value = $item
    if ($key -eq "trust.import") {
        $trust = Join-Path $etc "trust"
        New-Item -ItemType Directory -Force -Path $trust | Out-Null
        foreach ($p in ($value -split ',' | ForEach-Object { $_.Trim() } | Where-Object { $_ })) {
            if (Test-Path $p -PathType Container) {
                Get-ChildItem $p -File | Where-Object { $_.Extension -in ".pem", ".crt", ".cer", ".der" } |
                    Copy-Item -Destination $trust -Force
            } else {
                Copy-Item $p -Destination $trust -Force
            }
        }
        Put "trust.directory" ($trust -replace '\\', '/')
    } else {
        Put $key $value
    }
}
$lines = New-Object System.Collections.Generic.List[string]
$lines.Add("# Kyso Agent — cấu hình máy / machine configuration, written by kyso-provision.ps1 $(Get-Date -Format s)")
$lines.Add("# Provisioning replaces only the keys it is given. Check the result with: kyso doctor")
foreach ($key in $order) { $lines.Add("$key=$($values[$key])") }
[IO.File]::WriteAllLines($config, $lines, (New-Object Text.UTF8Encoding $false))

# Browser policies: our origins appended after any values an administrator set, and remembered for removal.
Remove-OurPolicies
$ours = New-Object System.Collections.Generic.List[string]
$origins = @()
if ($values.ContainsKey("origins.allowed")) { $origins = $values["origins.allowed"] -split '[,\s]+' | Where-Object { $_ } }
foreach ($base in $policyBases) {
    if ($origins.Count -eq 0) { break }
    $key = "$base\$policyName"
    New-Item -Path $key -Force | Out-Null
    $taken = @((Get-Item $key).GetValueNames() | Where-Object { $_ -match '^\d+$' } | ForEach-Object { [int]$_ })
    $next = 1 + ($taken + 0 | Measure-Object -Maximum).Maximum
    foreach ($o in $origins) {
        New-ItemProperty -Path $key -Name "$next" -Value $o -PropertyType String -Force | Out-Null
        $ours.Add("$key|$next")
        $next++
    }
}
New-Item -Path $record -Force | Out-Null
New-ItemProperty -Path $record -Name PolicyValues -Value ([string[]]$ours) -PropertyType MultiString -Force | Out-Null
exit 0
