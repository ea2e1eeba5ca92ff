export const cap12Namespace = 'urn:oasis:names:tc:emergency:cap:1.2'
/** LU-Alert writes its profile namespace instead of the CAP 1.2 one; the content is CAP 1.2. */
export const capLuNamespace = 'urn:oasis:names:tc:emergency:cap:1.2:profile:cap-lu:1.0'
export const cap12Namespaces: readonly string[] = [cap12Namespace, capLuNamespace]
