# CA Bridge: Intune remediation, remediation script (same settings as the detection script: logged-on
# credentials, 64-bit PowerShell). Acts on `ca-bridge status`'s exit code:
#   10 CA changed, 13 something broken  -> export --refresh, then apply to every installed tool
#   14 inspected, nothing configured    -> export into $ExportDir, then apply to every installed tool
#   11 CA expiring, 12 verification off, 1 could not check, 2 usage -> reported, nothing changed
# Every export and apply passes --expect-fingerprint for each CA IT published: on any other network's CA the
# laptop refuses and writes nothing. Exit 0 when status is healthy after the repair.
$ErrorActionPreference = 'Stop'

# Your inspection CAs' SHA-256 fingerprints (AB:CD:… as "ca-bridge detect" prints them): required.
$ExpectedFingerprints = @()
# Where a first export goes, the ca-bridge command, and extra options for status and export.
$ExportDir = Join-Path $env:USERPROFILE 'ca-bridge'
$CaBridge = 'ca-bridge'
if ($env:CA_BRIDGE) { $CaBridge = $env:CA_BRIDGE }
$ProbeOptions = @()

function Get-Status {
  & $CaBridge status --json @ProbeOptions *> $null
  return $LASTEXITCODE
}

$Expect = @()
foreach ($fingerprint in $ExpectedFingerprints) { $Expect += @('--expect-fingerprint', $fingerprint) }

$code = Get-Status
if ($code -eq 0) {
  Write-Output 'CA Bridge: healthy, nothing to do'
  exit 0
}
if (@(10, 13, 14) -notcontains $code) {
  Write-Output "CA Bridge: status exit $code is not repaired automatically (see docs/fleet.md): nothing changed"
  exit 1
}
if ($Expect.Count -eq 0) {
  Write-Output 'CA Bridge: not repaired: set $ExpectedFingerprints to the fingerprints of your inspection CAs'
  exit 1
}

if ($code -eq 14) {
  & $CaBridge export --out $ExportDir --force @Expect @ProbeOptions --json | Out-Null
} else {
  & $CaBridge export --refresh @Expect @ProbeOptions --json | Out-Null
}
if ($LASTEXITCODE -ne 0) {
  Write-Output "CA Bridge: the export failed (exit $LASTEXITCODE): nothing was applied"
  exit 1
}
& $CaBridge apply --dir $ExportDir --tools installed --yes @Expect --json | Out-Null
$applied = $LASTEXITCODE

$after = Get-Status
Write-Output "CA Bridge: status was $code; apply exit $applied; status now $after"
if ($after -eq 0) { exit 0 }
exit 1
