import type { DiagnoseDto, DiagnosticCheck, DiagnosticCode, DiagnosticIssue } from "../domain-ops.schemas";
import { lookup, parseMx } from "./doh";
import { inboundMailHosts } from "./mail-hosts";

const blocklists = ["zen.spamhaus.org", "b.barracudacentral.org", "dnsbl.sorbs.net"];

type Report = { checks: DiagnosticCheck[]; issues: DiagnosticIssue[] };
type Status = DiagnosticCheck["status"];

function check(report: Report, code: DiagnosticCode, status: Status, startedAt: number): void {
  report.checks.push({ code, status, latencyMs: Date.now() - startedAt });
}

/**
 * Live checks of a domain's readiness for inbound mail, as Novu runs them: its MX records (present, pointing at
 * the inbound hosts, preferred over other hosts), no CNAME at the name (which would shadow the MX), and the inbound
 * hosts' addresses on common DNS blocklists. Lookups run one after another, in that order.
 */
export async function diagnoseDomain(env: Env, name: string): Promise<DiagnoseDto> {
  const hosts = inboundMailHosts(env);
  const report: Report = { checks: [], issues: [] };
  const mxFound = await checkMx(env, name, hosts, report);
  await checkCname(env, name, report);
  await checkBlocklists(env, hosts, mxFound, report);
  return {
    ok: report.issues.every((issue) => issue.severity !== "error"),
    runAt: new Date().toISOString(),
    ...report,
  };
}

async function checkMx(env: Env, name: string, hosts: string[], report: Report): Promise<boolean> {
  const startedAt = Date.now();
  const answer = await lookup(env, name, "MX");
  const records = answer.status === "found" ? parseMx(answer.data) : [];
  const target = hosts.join(", ");
  if (answer.status === "failed" || records.length === 0) {
    check(report, "mx_missing", answer.status === "failed" ? "skipped" : "fail", startedAt);
    if (answer.status !== "failed")
      report.issues.push({
        code: "mx_missing",
        severity: "error",
        message: `No MX records were found for ${name}.`,
        fix: `Add an MX record for ${name} pointing to ${target} (see expectedDnsRecords for the priorities).`,
      });
    check(report, "mx_wrong_target", "skipped", Date.now());
    check(report, "mx_low_priority", "skipped", Date.now());
    return false;
  }
  check(report, "mx_missing", "pass", startedAt);
  const ours = records.filter((record) => hosts.includes(record.exchange));
  if (ours.length === 0) {
    check(report, "mx_wrong_target", "fail", Date.now());
    report.issues.push({
      code: "mx_wrong_target",
      severity: "error",
      message: `MX records exist for ${name}, but none points to the inbound mail host (${target}).`,
      fix: `Set an MX record for ${name} with target ${target}.`,
    });
    check(report, "mx_low_priority", "skipped", Date.now());
    return true;
  }
  check(report, "mx_wrong_target", "pass", Date.now());
  const best = Math.min(...ours.map((record) => record.priority));
  const preferred = records.some((record) => record.priority < best);
  check(report, "mx_low_priority", preferred ? "fail" : "pass", Date.now());
  if (preferred)
    report.issues.push({
      code: "mx_low_priority",
      severity: "warn",
      message: "Another MX record has a better (lower) priority than the inbound mail host's record.",
      fix: `Remove the MX hosts that should not receive mail for ${name}, or give ${target} the lowest priority value.`,
    });
  return true;
}

async function checkCname(env: Env, name: string, report: Report): Promise<void> {
  const startedAt = Date.now();
  const answer = await lookup(env, name, "CNAME");
  const status: Status = answer.status === "found" ? "fail" : answer.status === "none" ? "pass" : "skipped";
  check(report, "apex_cname_collision", status, startedAt);
  if (status === "fail")
    report.issues.push({
      code: "apex_cname_collision",
      severity: "error",
      message: `${name} has a CNAME record, which cannot coexist with MX records for the same name.`,
      fix: `Remove the CNAME record at ${name}, or receive mail on another name whose MX records you control.`,
    });
}

const isPublicIpv4 = (ip: string) => {
  const [a = -1, b = -1] = ip.split(".").map(Number);
  return !(
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168)
  );
};

/** 127.0.0.2–127.255.255.255 list an address, except 127.255.255.x: the list's own errors (e.g. "public resolver"). */
const isListing = (ip: string) => ip.startsWith("127.") && !ip.startsWith("127.255.255.");

async function checkBlocklists(env: Env, hosts: string[], mxFound: boolean, report: Report): Promise<void> {
  const startedAt = Date.now();
  if (!mxFound) return check(report, "dnsbl_listed", "skipped", startedAt);
  const addresses = new Set<string>();
  for (const host of hosts) {
    const answer = await lookup(env, host, "A");
    if (answer.status === "found") for (const ip of answer.data) if (isPublicIpv4(ip)) addresses.add(ip);
  }
  const listed: string[] = [];
  let verdicts = 0;
  for (const ip of addresses) {
    const reversed = ip.split(".").reverse().join(".");
    for (const zone of blocklists) {
      const answer = await lookup(env, `${reversed}.${zone}`, "A");
      if (answer.status === "none") verdicts++;
      else if (answer.status === "found" && answer.data.some(isListing)) {
        verdicts++;
        listed.push(`${ip} on ${zone}`);
      }
    }
  }
  check(report, "dnsbl_listed", listed.length > 0 ? "fail" : verdicts > 0 ? "pass" : "skipped", startedAt);
  if (listed.length > 0)
    report.issues.push({
      code: "dnsbl_listed",
      severity: "warn",
      message: `The inbound mail host appears on DNS blocklists (${listed.join("; ")}).`,
      fix: "Ask the mail infrastructure's operator to delist the addresses, or change the inbound hosts.",
    });
}
