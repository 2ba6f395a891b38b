// Where Settings > SMS is.

export const SMS_SETTINGS_PATH = "/settings/sms";
