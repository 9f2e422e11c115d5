package vn.kyso.verify;

/** Language of the readable report; Vietnamese is the default for the people this agent serves. */
public enum Language {
    VI, EN
}
