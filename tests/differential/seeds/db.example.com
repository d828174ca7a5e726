; seed for tests/differential.sh: one record per line, fields owner TTL class type rdata
$ORIGIN example.com.
$TTL 3600
@	3600	IN	SOA	ns1.example.com. hostmaster.example.com. 2026112301 3600 900 1209600 300
@	3600	IN	NS	ns1.example.com.
@	3600	IN	NS	ns2.example.net.
@	3600	IN	MX	10 mail.example.com.
@	3600	IN	MX	20 mx2.example.net.
@	3600	IN	TXT	"v=spf1 ip4:192.0.2.0/24 -all"
@	3600	IN	CAA	0 issue "ca.example.net"
ns1	3600	IN	A	192.0.2.53
ns1	3600	IN	AAAA	2001:db8::53
mail	300	IN	A	192.0.2.25
mail	300	IN	AAAA	2001:db8::25
www	3600	IN	CNAME	web.example.com.
web	3600	IN	A	192.0.2.80
_sip._tcp	3600	IN	SRV	10 60 5060 sip.example.com.
sip	3600	IN	A	192.0.2.60
sip	3600	IN	SSHFP	1 1 123456789ABCDEF67890123456789ABCDEF67890
_443._tcp.web	3600	IN	TLSA	3 1 1 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF
sub	3600	IN	NS	ns.sub.example.com.
sub	3600	IN	DS	12345 8 1 49FD46E6C4B45C55D4AC69CBD3CD34AC1AFE51DE
ns.sub	3600	IN	A	192.0.2.54
@	3600	IN	NAPTR	100 10 "S" "SIP+D2U" "" _sip._udp.example.com.
_sip._udp	3600	IN	SRV	0 0 5060 sip.example.com.
