import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { ListedSocket } from "../../../src/core/listing/model.ts";
import { MAX_LISTED_SOCKETS, readListing } from "../../../src/core/listing/read.ts";
import { listingFixture, ssListing } from "../../support/listings.ts";

/** `proto address:port state` per socket, the shape the tests compare. */
const brief = (s: ListedSocket) =>
  `${s.protocol} ${s.local.address}:${s.local.port} ${s.state ?? "-"} ${s.process ?? "-"}`;

function read(text: string) {
  const listing = readListing(text);
  assert.ok(listing, "a listing is found");
  return listing;
}

describe("reading each tool's output (fixtures)", () => {
  test("ss -ltnp (real capture): every listener, the process from users:((…)), IPv6 and *", () => {
    const l = read(listingFixture("linux-ss-ltnp"));
    assert.equal(l.format, "ss");
    assert.equal(l.total, 13);
    assert.equal(
      brief(l.sockets[0] as ListedSocket),
      "tcp 127.0.0.1:25672 LISTEN beam.smp (pid 2954)",
    );
    assert.ok(l.sockets.some((s) => brief(s) === "tcp *:8080 LISTEN demo-list (pid 14085)"));
    assert.ok(l.sockets.some((s) => brief(s) === "tcp ::1:6379 LISTEN redis-server (pid 2225)"));
  });

  test("ss -tunap (real capture): udp and tcp from the Netid column, connections with peers", () => {
    const l = read(listingFixture("linux-ss-tunap"));
    assert.equal(l.total, 21);
    assert.equal(
      brief(l.sockets[0] as ListedSocket),
      "udp 0.0.0.0:11211 UNCONN demo-list (pid 14085)",
    );
    const estab = l.sockets.find((s) => s.local.port === 40074);
    assert.equal(estab?.state, "ESTABLISHED");
    assert.deepEqual(estab?.peer, { address: "127.0.0.1", port: 4369 });
    assert.equal(l.sockets.find((s) => s.local.port === 55168)?.state, "TIME_WAIT");
  });

  test("netstat -tulpn (real capture): tcp6 as tcp, :::8080, udp without a state, a cut program name", () => {
    const l = read(listingFixture("linux-netstat-tulpn"));
    assert.equal(l.format, "netstat-linux");
    assert.equal(l.total, 15);
    assert.ok(l.sockets.some((s) => brief(s) === "tcp :::8080 LISTEN demo-list (pid 14085)"));
    assert.ok(l.sockets.some((s) => brief(s) === "tcp ::1:6379 LISTEN redis-server 1 (pid 2225)"));
    assert.ok(l.sockets.some((s) => brief(s) === "udp 0.0.0.0:11211 - demo-list (pid 14085)"));
  });

  test("lsof -iTCP -sTCP:LISTEN -nP (real capture and macOS sample): NAME column, never PID or DEVICE", () => {
    const linux = read(listingFixture("linux-lsof"));
    assert.equal(linux.format, "lsof");
    assert.equal(linux.total, 13);
    assert.ok(linux.sockets.some((s) => brief(s) === "tcp *:27017 LISTEN demo-list (pid 14085)"));
    const mac = read(listingFixture("macos-lsof"));
    assert.equal(mac.total, 10);
    // com.docke's PID is 8080 and its socket is *:8080; rapportd's PID 512 is no port at all.
    assert.deepEqual(
      mac.sockets.map((s) => s.local.port),
      [22, 49152, 49152, 7000, 5000, 5432, 5432, 6379, 3000, 8080],
    );
  });

  test("netstat -ano (Windows sample): capitals, [::], PIDs as processes, a zone in brackets", () => {
    const l = read(listingFixture("windows-netstat-ano"));
    assert.equal(l.format, "netstat-windows");
    assert.equal(l.total, 15);
    assert.equal(brief(l.sockets[0] as ListedSocket), "tcp 0.0.0.0:135 LISTEN pid 1012");
    assert.ok(
      l.sockets.some((s) => brief(s) === "udp fe80::1c2d:3e4f:5a6b:7c8d%12:1900 - pid 4280"),
    );
    assert.ok(!l.sockets.some((s) => s.local.port === 1012 || s.local.port === 4));
  });

  test("Get-NetTCPConnection (sample): the port from its own column, a blank AppliedSetting", () => {
    const l = read(listingFixture("powershell-get-nettcpconnection"));
    assert.equal(l.format, "get-nettcpconnection");
    assert.equal(l.total, 9);
    assert.equal(brief(l.sockets[0] as ListedSocket), "tcp :::49664 LISTEN pid 876");
    assert.equal(l.sockets.find((s) => s.local.port === 50412)?.peer?.port, 443);
  });

  test("docker ps (sample): host ports from PORTS, the container port as the service, ranges expanded", () => {
    const l = read(listingFixture("docker-ps"));
    assert.equal(l.format, "docker-ps");
    assert.equal(l.total, 11);
    const web = l.sockets.filter((s) => s.process === "web (nginx:1.27)");
    assert.deepEqual(
      web.map((s) => `${s.local.address}:${s.local.port}->${s.servicePort}`),
      ["0.0.0.0:8080->80", ":::8080->80", "0.0.0.0:8443->443"],
    );
    assert.deepEqual(
      l.sockets.filter((s) => s.process?.startsWith("turn")).map((s) => s.local.port),
      [49160, 49161, 49162],
    );
    // `80/tcp` is only exposed, not published on the host.
    assert.ok(!l.sockets.some((s) => s.process?.startsWith("sidecar")));
  });
});

describe("tolerance", () => {
  test("without a header, inside a code fence, under a question", () => {
    const text = [
      "what is all this?",
      "```",
      'LISTEN 0      4096   127.0.0.53%lo:53        0.0.0.0:*    users:(("systemd-resolve",pid=812,fd=14))',
      'LISTEN 0      128          [::]:22           [::]:*    users:(("sshd",pid=901,fd=4))',
      "```",
    ].join("\n");
    const l = read(text);
    assert.deepEqual(
      l.sockets.map((s) => `${s.local.address} ${s.local.port}`),
      ["127.0.0.53%lo 53", ":: 22"],
    );
  });

  test("a line cut short keeps what it shows; a line cut inside an address is skipped", () => {
    const text = [
      "Netid State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process",
      'tcp   LISTEN 0      511    127.0.0.1:6379     0.0.0.0:*         users:(("redis-ser',
      "tcp   LISTEN 0      511    127.0.0.1:63",
    ].join("\n");
    const l = read(text);
    assert.equal(l.total, 1);
    assert.equal(l.sockets[0]?.process, "redis-ser");
  });

  test("a tool's header alone is a listing with nothing in it", () => {
    const l = read("State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess\n");
    assert.equal(l.total, 0);
  });

  test(`at most ${MAX_LISTED_SOCKETS} sockets are kept; the rest are counted`, () => {
    const l = read(ssListing(73));
    assert.equal(l.sockets.length, MAX_LISTED_SOCKETS);
    assert.equal(l.total, 73);
    const wide = read(
      '3f4e5a6b7c8d   img   "x"   1 hour ago   Up   0.0.0.0:10000-20000->10000-20000/udp   rtp',
    );
    assert.equal(wide.sockets.length, MAX_LISTED_SOCKETS);
    assert.equal(wide.total, 10001);
  });

  test("no port is read from a PID, a queue size or an address byte", () => {
    const l = read(
      'LISTEN 0      4096   10.20.30.40:8443   0.0.0.0:*   users:(("envoy",pid=3306,fd=9))',
    );
    assert.deepEqual(
      l.sockets.map((s) => s.local.port),
      [8443],
    );
    assert.equal(
      readListing('LISTEN 0 4096 10.20.30.40 0.0.0.0:* users:(("x",pid=22,fd=1))'),
      null,
    );
  });
});
