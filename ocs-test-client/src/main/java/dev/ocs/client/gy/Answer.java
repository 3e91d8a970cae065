package dev.ocs.client.gy;

import java.util.List;

/**
 * The parts of a Diameter answer the client acts on.
 *
 * @param resultCode    Result-Code (or Experimental-Result-Code), -1 when absent
 * @param requestNumber CC-Request-Number, -1 when absent
 */
public record Answer(int command, int hopByHop, long resultCode, long requestNumber, List<Grant> grants) {

    /**
     * One MSCC of a CCA.
     *
     * @param grantedOctets CC-Total-Octets of the Granted-Service-Unit, 0 when none
     * @param resultCode    the MSCC's Result-Code, -1 when absent (then the command's applies)
     * @param finalUnit     a Final-Unit-Indication came with it: this grant is the last
     */
    public record Grant(long ratingGroup, long grantedOctets, long resultCode, boolean finalUnit) {
    }

    public Answer {
        grants = List.copyOf(grants);
    }

    public Grant grant(long ratingGroup) {
        for (Grant g : grants) {
            if (g.ratingGroup() == ratingGroup) {
                return g;
            }
        }
        return null;
    }
}
