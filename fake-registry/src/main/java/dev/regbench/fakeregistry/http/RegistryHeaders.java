package dev.regbench.fakeregistry.http;

import io.undertow.util.HttpString;

/** Header names the registry API uses beyond the standard ones. Constants only. */
public final class RegistryHeaders {
    public static final HttpString API_VERSION = new HttpString("Docker-Distribution-API-Version");
    public static final String API_VERSION_VALUE = "registry/2.0";
    public static final HttpString CONTENT_DIGEST = new HttpString("Docker-Content-Digest");
    public static final HttpString UPLOAD_UUID = new HttpString("Docker-Upload-UUID");
    public static final HttpString OCI_SUBJECT = new HttpString("OCI-Subject");
    /** One per tag a manifest PUT by digest with {@code ?tag=} parameters set (distribution-spec, tags on push). */
    public static final HttpString OCI_TAG = new HttpString("OCI-Tag");
    public static final HttpString OCI_FILTERS_APPLIED = new HttpString("OCI-Filters-Applied");
    public static final HttpString RANGE = new HttpString("Range");
    public static final HttpString LINK = new HttpString("Link");

    private RegistryHeaders() {
    }
}
