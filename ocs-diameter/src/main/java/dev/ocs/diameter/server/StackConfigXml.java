package dev.ocs.diameter.server;

/**
 * jdiameter's server configuration, written from our settings. Element order follows the schema
 * inside the jdiameter jar (it is validated). Deliberate choices:
 * <ul>
 *   <li>no UseUriAsFqdn: with it, reconnecting peers fail ("Statistic already defined");</li>
 *   <li>duplicate protection off: jdiameter's is node-local and capped; retransmissions are handled
 *       in the grid, per session, on any node;</li>
 *   <li>a short MessageTimeOut: every sent answer holds a timer that long;</li>
 *   <li>our own network guard (the stock NIO one may never accept, and swallows bind errors);</li>
 *   <li>one peer state-machine thread per peer (with more, events of one peer race each other).</li>
 * </ul>
 */
final class StackConfigXml {

    private StackConfigXml() {
    }

    static String of(DiameterSettings s) {
        StringBuilder x = new StringBuilder(2048);
        x.append("<?xml version=\"1.0\"?>\n<Configuration xmlns=\"http://www.jdiameter.org/jdiameter-server\">\n");
        x.append("  <LocalPeer>\n");
        x.append("    <URI value=\"aaa://").append(esc(s.originHost())).append(':').append(s.port()).append("\"/>\n");
        x.append("    <IPAddresses><IPAddress value=\"").append(esc(s.host())).append("\"/></IPAddresses>\n");
        x.append("    <Realm value=\"").append(esc(s.originRealm())).append("\"/>\n");
        x.append("    <VendorID value=\"0\"/>\n");
        x.append("    <ProductName value=\"ocs\"/>\n");
        x.append("    <FirmwareRevision value=\"1\"/>\n");
        x.append("    <Applications>\n");
        application(x, 0);
        application(x, 10415);
        x.append("    </Applications>\n");
        x.append("  </LocalPeer>\n");
        x.append("  <Parameters>\n");
        x.append("    <AcceptUndefinedPeer value=\"").append(s.acceptUndefinedPeers()).append("\"/>\n");
        x.append("    <DuplicateProtection value=\"false\"/>\n");
        x.append("    <DuplicateTimer value=\"240000\"/>\n");
        // each peer's event queue (capabilities, watchdog and disconnect messages; requests only while the peer is
        // not open, see OrderedPeerFsm): when the state machine falls behind, the connection's reader waits (TCP
        // pushes back on the gateway) instead of holding up to 64 KiB x queue size per peer
        x.append("    <QueueSize value=\"").append(PEER_QUEUE_SIZE).append("\"/>\n");
        x.append("    <MessageTimeOut value=\"").append(s.messageTimeoutMillis()).append("\"/>\n");
        x.append("    <StopTimeOut value=\"5000\"/>\n");
        x.append("    <CeaTimeOut value=\"10000\"/>\n");
        x.append("    <IacTimeOut value=\"30000\"/>\n");
        x.append("    <DwaTimeOut value=\"10000\"/>\n");
        x.append("    <DpaTimeOut value=\"5000\"/>\n");
        x.append("    <RecTimeOut value=\"10000\"/>\n");
        // one state-machine thread per peer (and OrderedPeerFsm): with several, a DWR or CCR sent right
        // after the CEA can be taken by a second thread while the first still holds the peer in DOWN
        x.append("    <PeerFSMThreadCount value=\"1\"/>\n");
        // no request route table: jdiameter's holds 10,240 pending requests, then sleeps 5 s holding a
        // lock every peer needs and clears itself; size 0 keeps each answer's route with the answer
        // instead, so the server's only ceiling on pending requests is diameter.max-in-flight
        x.append("    <RequestTable size=\"0\" clear_size=\"0\"/>\n");
        x.append("  </Parameters>\n");
        x.append("  <Network>\n    <Peers>\n");
        if (s.peers().isEmpty()) {
            // the schema wants at least one peer and realm even on a pure server
            x.append("      <Peer name=\"aaa://127.0.0.1:13868\" attempt_connect=\"false\" rating=\"1\"/>\n");
        }
        for (String p : s.peers()) {
            x.append("      <Peer name=\"").append(esc(p)).append("\" attempt_connect=\"false\" rating=\"1\"/>\n");
        }
        x.append("    </Peers>\n    <Realms>\n");
        String hosts = s.peers().isEmpty() ? "127.0.0.1" : String.join(",", s.peers().stream()
                .map(p -> p.substring(p.indexOf("://") + 3, p.lastIndexOf(':'))).toList());
        x.append("      <Realm name=\"").append(esc(s.peerRealm())).append("\" peers=\"").append(esc(hosts))
                .append("\" local_action=\"LOCAL\" dynamic=\"false\" exp_time=\"1\">\n");
        x.append("        <ApplicationID><VendorId value=\"0\"/><AuthApplId value=\"4\"/><AcctApplId value=\"0\"/></ApplicationID>\n");
        x.append("      </Realm>\n    </Realms>\n  </Network>\n");
        x.append("  <Extensions>\n");
        x.append("    <NetworkGuard value=\"").append(AcceptingNetworkGuard.class.getName()).append("\"/>\n");
        x.append("    <PeerFsmFactory value=\"").append(OrderedFsmFactory.class.getName()).append("\"/>\n");
        x.append("  </Extensions>\n");
        x.append("</Configuration>\n");
        return x.toString();
    }

    private static void application(StringBuilder x, long vendor) {
        x.append("      <ApplicationID><VendorId value=\"").append(vendor)
                .append("\"/><AuthApplId value=\"4\"/><AcctApplId value=\"0\"/></ApplicationID>\n");
    }

    /** Events waiting for a peer's state machine (jdiameter's QueueSize). */
    static final int PEER_QUEUE_SIZE = 2_048;

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
