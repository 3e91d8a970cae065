package dev.ocs.diameter.gy;

/** The AVP codes and values Gy uses (RFC 6733, RFC 4006, 3GPP TS 32.299). */
public final class Avps {

    public static final long VENDOR_3GPP = 10415;
    public static final int CREDIT_CONTROL_APPLICATION = 4;
    public static final int CREDIT_CONTROL_COMMAND = 272;

    public static final int SESSION_ID = 263;
    public static final int ORIGIN_HOST = 264;
    public static final int ORIGIN_REALM = 296;
    public static final int DESTINATION_REALM = 283;
    public static final int AUTH_APPLICATION_ID = 258;
    public static final int RESULT_CODE = 268;
    public static final int ERROR_MESSAGE = 281;
    public static final int FAILED_AVP = 279;
    public static final int CC_REQUEST_TYPE = 416;
    public static final int CC_REQUEST_NUMBER = 415;
    public static final int REQUESTED_ACTION = 436;
    public static final int SUBSCRIPTION_ID = 443;
    public static final int SUBSCRIPTION_ID_TYPE = 450;
    public static final int SUBSCRIPTION_ID_DATA = 444;
    public static final int MULTIPLE_SERVICES_INDICATOR = 455;
    public static final int MSCC = 456;
    public static final int RATING_GROUP = 432;
    public static final int SERVICE_IDENTIFIER = 439;
    public static final int RSU = 437;
    public static final int GSU = 431;
    public static final int USU = 446;
    public static final int CC_TIME = 420;
    public static final int CC_TOTAL_OCTETS = 421;
    public static final int CC_INPUT_OCTETS = 412;
    public static final int CC_OUTPUT_OCTETS = 414;
    public static final int VALIDITY_TIME = 448;
    public static final int FINAL_UNIT_INDICATION = 430;
    public static final int FINAL_UNIT_ACTION = 449;
    public static final int RESTRICTION_FILTER_RULE = 438;
    public static final int FILTER_ID = 11;
    public static final int QUOTA_HOLDING_TIME = 871; // 3GPP
    public static final int TIME_QUOTA_THRESHOLD = 868; // 3GPP
    public static final int CC_FAILURE_HANDLING = 427;
    public static final int CC_SESSION_FAILOVER = 418;
    public static final int REDIRECT_SERVER = 434;
    public static final int REDIRECT_ADDRESS_TYPE = 433;
    public static final int REDIRECT_SERVER_ADDRESS = 435;
    public static final int COST_INFORMATION = 423;
    public static final int UNIT_VALUE = 445;
    public static final int VALUE_DIGITS = 447;
    public static final int EXPONENT = 429;
    public static final int CURRENCY_CODE = 425;
    /** 3GPP vendor-specific. */
    public static final int REPORTING_REASON = 872;
    public static final int VOLUME_QUOTA_THRESHOLD = 869;

    public static final int TYPE_INITIAL = 1;
    public static final int TYPE_UPDATE = 2;
    public static final int TYPE_TERMINATION = 3;
    public static final int TYPE_EVENT = 4;

    public static final int REDIRECT_ADDRESS_URL = 2;

    private Avps() {
    }
}
