package rs.builds.database.options;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.Driver;
import rs.builds.database.ConnectionConfig;
import rs.builds.database.InvalidInputException;

/**
 * A PostgreSQL location parsed from either a libpq URI ({@code postgres://user:pass@host:port/db?...} or
 * {@code postgresql://...}, as psql takes) or a JDBC URL ({@code jdbc:postgresql://host:port/db?...}).
 * {@link #toString()} and every error message hide the password.
 *
 * @param jdbcUrl the equivalent JDBC URL, without credentials taken from a libpq URI's user-info part
 * @param user user name from the URI's user-info part, or {@code null}
 * @param password password from the URI's user-info part, or {@code null}
 */
public record PostgresUrl(String jdbcUrl, String user, String password) {
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]{0,19}:)//");

    /**
     * Parses a database URL.
     *
     * @param url the URL as given by a user
     * @return the parsed location
     * @throws InvalidInputException saying what is wrong with it (password masked)
     */
    public static PostgresUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidInputException("the database URL is empty; expected postgres://user@host:port/database");
        }
        String trimmed = url.trim();
        if (trimmed.startsWith("jdbc:postgresql:")) {
            return jdbc(trimmed);
        }
        if (trimmed.startsWith("postgres://") || trimmed.startsWith("postgresql://")) {
            return libpq(trimmed);
        }
        // what does not parse is not echoed: it may be a password pasted in the wrong place; only a short scheme
        // followed by // is named, as nothing else looks like one
        Matcher scheme = SCHEME.matcher(trimmed);
        throw new InvalidInputException("unsupported database URL" + (scheme.find() ? " scheme '" + scheme.group(1)
                + "'" : "") + ": expected postgres://, postgresql:// or jdbc:postgresql://");
    }

    private static PostgresUrl jdbc(String url) {
        if (!wellFormed(url)) {
            throw new InvalidInputException("malformed JDBC URL: expected jdbc:postgresql://host[:port]/database[?user=...]");
        }
        return new PostgresUrl(url, null, null);
    }

    /** @return whether the driver can parse the URL (checked without its log, see ConnectionConfig) */
    private static boolean wellFormed(String jdbcUrl) {
        try {
            ConnectionConfig.of(jdbcUrl);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    private static PostgresUrl libpq(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("malformed database URL: " + e.getReason() + " at character "
                    + e.getIndex() + " (percent-encode special characters in the user name and password)");
        }
        if (uri.getHost() == null && uri.getRawAuthority() != null && !uri.getRawAuthority().isEmpty()) {
            throw new InvalidInputException("malformed database URL: cannot read the host name (or the port is not a"
                    + " number); percent-encode special characters in the user name and password");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new InvalidInputException("malformed database URL: the port must be from 1 to 65535");
        }
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = path.startsWith("/") ? path.substring(1) : path;
        if (database.contains("/")) {
            throw new InvalidInputException("malformed database URL: the path must be just the database name");
        }
        String user = null;
        String password = null;
        if (uri.getUserInfo() != null) {
            String info = uri.getUserInfo();
            int colon = info.indexOf(':');
            user = colon < 0 ? info : info.substring(0, colon);
            password = colon < 0 ? null : info.substring(colon + 1);
            if (user.isEmpty()) {
                user = null;
            }
        }
        String jdbcUrl = "jdbc:postgresql://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host)
                + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "/" + database
                + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
        // checked first: the driver logs a URL it cannot parse, password included
        Properties props = wellFormed(jdbcUrl) ? Driver.parseURL(jdbcUrl, null) : null;
        if (props == null) {
            throw new InvalidInputException("malformed database URL: the driver cannot read the host, port or"
                    + " database it names");
        }
        return new PostgresUrl(jdbcUrl, user, password);
    }

    /**
     * {@return the connection configuration for this location}
     *
     * @param connections pool size
     * @throws InvalidInputException if {@code connections} is out of range
     */
    public ConnectionConfig toConfig(int connections) {
        return ConnectionConfig.of(jdbcUrl).withCredentials(user, password).withMaxConnections(connections);
    }

    /**
     * The JDBC URL with this location's user and password (from a libpq URI's user-info part) as URL parameters,
     * for a second connection such as a replica or a listener, which takes a URL alone.
     *
     * @return the JDBC URL, logging in as this location says
     */
    public String jdbcUrlWithCredentials() {
        StringBuilder url = new StringBuilder(jdbcUrl);
        char separator = jdbcUrl.contains("?") ? '&' : '?';
        if (user != null) {
            url.append(separator).append("user=").append(URLEncoder.encode(user, StandardCharsets.UTF_8));
            separator = '&';
        }
        if (password != null) {
            url.append(separator).append("password=").append(URLEncoder.encode(password, StandardCharsets.UTF_8));
        }
        return url.toString();
    }

    @Override
    public String toString() {
        return "PostgresUrl[" + ConnectionConfig.masked(jdbcUrl) + ", user=" + user + ", password="
                + (password == null ? "none" : "****") + "]";
    }
}
