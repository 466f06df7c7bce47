// What people call the IANA services they ask about most, and which those are. IANA names port 53
// `domain` and its description says "Domain Name Server", so nobody typing `dns` would find it by
// text alone; and `http` matches dozens of services, of which 80, 443 and 8080 are the ones meant.
// Keyed by IANA service name and port, so `http-alt` on 8080 is common but on 591 (FileMaker) not.
// A service here ranks above other matches of the same words (search.ts); its aliases are searched
// like its IANA name. Lower case; keep the list short: it is a ranking signal, not a dictionary.

/** `service/port` → other names people type for it (may be empty: the service is just common). */
export const COMMON_SERVICES: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries({
    "ftp-data/20": ["ftp data"],
    "ftp/21": [],
    "ssh/22": ["sftp", "scp", "openssh"],
    "telnet/23": [],
    "smtp/25": ["mail", "email"],
    "domain/53": ["dns", "name server", "bind"],
    "bootps/67": ["dhcp", "dhcp server"],
    "bootpc/68": ["dhcp client"],
    "tftp/69": [],
    "http/80": ["web", "www"],
    "kerberos/88": ["krb5"],
    "pop3/110": ["pop", "mail"],
    "sunrpc/111": ["rpcbind", "portmapper"],
    "ntp/123": ["time"],
    "imap/143": ["mail"],
    "snmp/161": [],
    "snmptrap/162": ["snmp trap"],
    "bgp/179": [],
    "ldap/389": ["active directory"],
    "https/443": ["ssl", "tls", "http secure"],
    "syslog/514": [],
    "submissions/465": ["smtps"],
    "submission/587": ["smtp submission"],
    "ipp/631": ["cups", "printing"],
    "ldaps/636": [],
    "rsync/873": [],
    "imaps/993": [],
    "pop3s/995": [],
    "socks/1080": ["socks5", "socks proxy"],
    "openvpn/1194": ["vpn"],
    "ms-sql-s/1433": ["mssql"],
    "mqtt/1883": [],
    "nfs/2049": [],
    "mysql/3306": [],
    "ms-wbt-server/3389": ["rdp"],
    "sip/5060": ["voip"],
    "xmpp-client/5222": ["xmpp", "jabber"],
    "postgresql/5432": ["postgres"],
    "amqp/5672": ["rabbitmq"],
    "rfb/5900": ["vnc"],
    "redis/6379": [],
    "http-alt/8080": ["http alternate", "http proxy"],
    "git/9418": [],
    "memcache/11211": ["memcached"],
    "mongodb/27017": ["mongo"],
  }),
);

/** The aliases of a common service, or undefined when `service` on `port` is not one. */
export function commonService(service: string, port: number): readonly string[] | undefined {
  return COMMON_SERVICES.get(`${service.toLowerCase()}/${port}`);
}
