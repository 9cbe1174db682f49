/** Types of csp-policy.js (plain JavaScript, so that any build step can import it). */
export declare const CONTENT_SECURITY_POLICY: string;
export declare const META_CONTENT_SECURITY_POLICY: string;
