/** Days before notAfter from which a certificate is shown as expiring soon (own module: the home needs it without the lint rules). */
export const EXPIRY_WARNING_DAYS = 30;
