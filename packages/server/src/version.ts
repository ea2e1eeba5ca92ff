/** The release of this code; bumped with each release. */
export const liaisonVersion = '0.1.0'
