# The reference an admin would write instead of spamd-report: connections per address and
# (GREY) lines per triplet, counted only (no sessions, no timing, no verdicts).
#   mawk -f scripts/bench/count.awk /var/log/spamd
# Fields: Mmm dd hh:mm:ss host spamd[pid]: $6 ...
$6 == "(GREY)" { sub(/:$/, "", $7); grey[$7 " " $8 " " $10]++; next }
$7 == "connected" { sub(/:$/, "", $6); conn[$6]++ }
END {
	for (t in grey) { triplets++; greylines += grey[t] }
	for (a in conn) { addresses++; connections += conn[a] }
	printf "%d addresses, %d connections, %d triplets, %d (GREY) lines\n", addresses, connections, triplets, greylines
}
