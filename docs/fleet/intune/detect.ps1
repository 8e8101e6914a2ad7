# CA Bridge: Intune remediation, detection script. Settings: run this script using the logged-on
# credentials = Yes (CA Bridge configures the user's own tools), run in 64-bit PowerShell = Yes.
# Exit 0 when `ca-bridge status` says healthy; exit 1 otherwise, so the remediation script runs: it
# repairs 10, 13 and 14 and reports the rest. The line written here is what Intune shows as output.
$ErrorActionPreference = 'Stop'

# The ca-bridge command, and extra options for status (e.g. @('--proxy', 'pac+https://proxy.example.com/proxy.pac')).
$CaBridge = 'ca-bridge'
if ($env:CA_BRIDGE) { $CaBridge = $env:CA_BRIDGE }
$ProbeOptions = @()

$Meaning = @{
  0  = 'healthy'
  10 = 'the inspection CA changed since the export: refresh needed'
  11 = 'the exported CA expires within 30 days or has expired: IT must roll out the new CA'
  12 = 'certificate verification is switched off somewhere: run "ca-bridge doctor" as this user'
  13 = 'a configured file or tool setting is missing or broken: repair needed'
  14 = 'the network is inspected but nothing is configured: set-up needed'
  2  = 'this ca-bridge does not understand "status --json": install a current version'
}

if (-not (Get-Command $CaBridge -ErrorAction SilentlyContinue)) {
  Write-Output "CA Bridge: $CaBridge is not installed"
  exit 1
}
& $CaBridge status --json @ProbeOptions *> $null
$code = $LASTEXITCODE
$said = $Meaning[$code]
if (-not $said) { $said = "status could not check (exit $code): run ""ca-bridge status"" as this user to see why" }
Write-Output "CA Bridge: $said"
if ($code -eq 0) { exit 0 }
exit 1
