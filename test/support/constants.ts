/** The password the test template's demo accounts share. */
export const DEMO_PASSWORD = 'demo-password-for-tests';
