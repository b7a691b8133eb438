package dev.keelson.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InetAddresses;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("KubernetesSyntax: the API server's grammar for names, labels, quantities, addresses and control characters")
class KubernetesSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/8", "0.0.0.0/0", "255.255.255.255/32", "::/0", "::1/128", "2001:db8::/32",
        "fe80::1:2:3:4/64", "1:2:3:4:5:6:7:8/128", "::ffff:10.0.0.1/128", "1:2:3:4:5:6::/96", "::2:3:4:5:6:7:8/1"})
    @DisplayName("CIDRs net.ParseCIDR accepts are accepted")
    void goodCidrs(String cidr) {
        assertThat(KubernetesSyntax.cidr(cidr)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/40", ":::::/64", "10.0.0.0", "10.0.0/8", "10.0.0.256/8", "010.0.0.0/8", "10.0.0.0/08",
        "10.0.0.0/", "/8", "10.0.0.0/8/8", "::/129", "1:2:3:4:5:6:7:8:9/64", "1::2::3/64", "12345::/16", "::g/64",
        "fe80::1%eth0/64", "[::1]/128", "1:2:3:4:5:6:7:8::/64", "::ffff:10.0.0/96", "1.2.3.4::/64", " 10.0.0.0/8",
        "10.0.0.0/8 ", "10.0.0.0/-1", "10.0.0.0/+8", ":/0", ":1::/16", "1::1:/16", "::1.2.3.4.5/128"})
    @DisplayName("what net.ParseCIDR refuses is refused (a prefix over the address's bits, a malformed address)")
    void badCidrs(String cidr) {
        assertThat(KubernetesSyntax.cidr(cidr)).isFalse();
    }

    @Test
    @DisplayName("IP addresses: the strict parser agrees with Guava's InetAddresses on 200,000 random address-like strings")
    void addressesAgreeWithGuava() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String alphabet = "0123456789abcdefABCDEFg:.:::..";
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            String s = random.nextInt(4) == 0 ? mutate(wellFormed(random), random, alphabet) : wellFormed(random);
            if (random.nextInt(10) == 0) {
                StringBuilder b = new StringBuilder();
                for (int n = random.nextInt(16); n > 0; n--) {
                    b.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                s = b.toString();
            }
            boolean guava = InetAddresses.isInetAddress(s);
            boolean ours = KubernetesSyntax.ipv4(s) || KubernetesSyntax.ipv6(s);
            assertThat(ours).as("'%s' (seed %d)", s, seed).isEqualTo(guava);
            accepted += ours ? 1 : 0;
        }
        // the generator reaches both sides
        assertThat(accepted).as("seed %d", seed).isBetween(20_000, 180_000);
    }

    @Test
    @DisplayName("names and labels: the hand-written scans agree with the API server's regular expressions on 300,000 seeded strings")
    void namesAgreeWithTheApiServersRegularExpressions() {
        Pattern dns1123Label = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
        Pattern dns1035Label = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
        Pattern dns1123Subdomain = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
        Pattern qualifiedName = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String alphabet = "abz09AZ-._/-..-/%aa00";
        int[] accepted = new int[5];
        for (int i = 0; i < 300_000; i++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(8) == 0 ? 60 + random.nextInt(200) : random.nextInt(12);
            for (int n = 0; n < length; n++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = b.toString();
            String why = "'" + s + "' (seed " + seed + ")";
            boolean label = s.length() <= 63 && dns1123Label.matcher(s).matches();
            boolean label1035 = s.length() <= 63 && dns1035Label.matcher(s).matches();
            boolean subdomain = s.length() <= 253 && dns1123Subdomain.matcher(s).matches();
            boolean value = s.length() <= 63 && (s.isEmpty() || qualifiedName.matcher(s).matches());
            int slash = s.indexOf('/');
            String name = s.substring(slash + 1);
            boolean key = (slash < 0 || slash == s.lastIndexOf('/') && s.substring(0, slash).length() <= 253
                    && dns1123Subdomain.matcher(s.substring(0, slash)).matches())
                    && name.length() <= 63 && qualifiedName.matcher(name).matches();
            assertThat(KubernetesSyntax.dnsLabel(s)).as("dnsLabel " + why).isEqualTo(label);
            assertThat(KubernetesSyntax.dns1035Label(s)).as("dns1035Label " + why).isEqualTo(label1035);
            assertThat(KubernetesSyntax.dnsSubdomain(s)).as("dnsSubdomain " + why).isEqualTo(subdomain);
            assertThat(KubernetesSyntax.labelValue(s)).as("labelValue " + why).isEqualTo(value);
            assertThat(KubernetesSyntax.labelKey(s)).as("labelKey " + why).isEqualTo(key);
            accepted[0] += label ? 1 : 0;
            accepted[1] += label1035 ? 1 : 0;
            accepted[2] += subdomain ? 1 : 0;
            accepted[3] += value ? 1 : 0;
            accepted[4] += key ? 1 : 0;
        }
        // the generator reaches both sides of every predicate
        assertThat(Arrays.stream(accepted).boxed()).as("accepted per predicate (seed %d)", seed)
                .allMatch(n -> n > 1_000 && n < 299_000);
    }

    private static String wellFormed(Random r) {
        if (r.nextBoolean()) {
            return r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
        }
        int groups = 8;
        boolean v4 = r.nextInt(5) == 0;
        if (v4) {
            groups = 6;
        }
        StringBuilder b = new StringBuilder();
        int gapAt = r.nextInt(3) == 0 ? -1 : r.nextInt(groups + 1);
        int gapLength = gapAt < 0 ? 0 : 1 + r.nextInt(groups - Math.min(gapAt, groups - 1));
        for (int i = 0; i < groups; i++) {
            if (i == gapAt) {
                b.append(i == 0 ? "::" : ":");
                i += gapLength - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(r.nextInt(0x10000)));
        }
        if (gapAt == groups) {
            b.append(b.length() > 0 && b.charAt(b.length() - 1) == ':' ? ":" : "::");
        }
        if (v4) {
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(r.nextInt(256)).append('.').append(r.nextInt(256)).append('.').append(r.nextInt(256)).append('.').append(r.nextInt(256));
        }
        return b.toString();
    }

    private static String mutate(String s, Random r, String alphabet) {
        StringBuilder b = new StringBuilder(s);
        for (int n = 1 + r.nextInt(2); n > 0; n--) {
            int at = b.length() == 0 ? 0 : r.nextInt(b.length());
            switch (r.nextInt(3)) {
                case 0 -> b.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
                case 1 -> {
                    if (b.length() > 0) {
                        b.deleteCharAt(at);
                    }
                }
                default -> {
                    if (b.length() > 0) {
                        b.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
                    }
                }
            }
        }
        return b.toString();
    }

    @Test
    @DisplayName("quantities: the API server's suffixes and exponents, in base units; signs and unknown suffixes refused")
    void quantities() {
        assertThat(KubernetesSyntax.quantity("100m")).isEqualByComparingTo("0.1");
        assertThat(KubernetesSyntax.quantity("256Mi")).isEqualByComparingTo(BigDecimal.valueOf(256L << 20));
        assertThat(KubernetesSyntax.quantity("1e3")).isEqualByComparingTo("1000");
        assertThat(KubernetesSyntax.quantity("1E-3")).isEqualByComparingTo("0.001");
        assertThat(KubernetesSyntax.quantity("10n")).isEqualByComparingTo("0.00000001");
        assertThat(KubernetesSyntax.quantity("5u")).isEqualByComparingTo("0.000005");
        assertThat(KubernetesSyntax.quantity(".5")).isEqualByComparingTo("0.5");
        assertThat(KubernetesSyntax.quantity("2Ei")).isEqualByComparingTo(BigDecimal.valueOf(2).multiply(BigDecimal.valueOf(1L << 60)));
        for (String bad : new String[] {"", "-1", "+1", "1.5.5", "1KB", "1ki", "1e", "1e1.5", "Mi", "1 Mi", "1e99999999999", "0x10"}) {
            assertThat(KubernetesSyntax.quantity(bad)).as(bad).isNull();
        }
    }

    @Test
    @DisplayName("label keys: one optional DNS-subdomain prefix (at most 253) and a name of at most 63")
    void labelKeys() {
        assertThat(KubernetesSyntax.labelKey("app.kubernetes.io/name")).isTrue();
        assertThat(KubernetesSyntax.labelKey("a".repeat(63))).isTrue();
        assertThat(KubernetesSyntax.labelKey("a".repeat(64))).isFalse();
        assertThat(KubernetesSyntax.labelKey("a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61) + "/x"))
                .isTrue();
        assertThat(KubernetesSyntax.labelKey("a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(62) + "/x"))
                .as("a 254-character prefix").isFalse();
        assertThat(KubernetesSyntax.labelKey("a".repeat(64) + ".io/x")).as("Kubernetes limits a prefix's length, not its labels'").isTrue();
        assertThat(KubernetesSyntax.labelKey("a/b/c")).isFalse();
        assertThat(KubernetesSyntax.labelKey("/x")).isFalse();
        assertThat(KubernetesSyntax.labelKey("Example.com/x")).isFalse();
        assertThat(KubernetesSyntax.labelKey("example.com/")).isFalse();
    }

    @Test
    @DisplayName("control characters: every C0 (but tab, LF, CR), DEL and every C1 character is found")
    void controlCharacters() {
        for (char c = 0; c < 0xa0; c++) {
            boolean control = c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x7f;
            assertThat(KubernetesSyntax.controlCharacter("ab" + c)).as("U+%04X", (int) c).isEqualTo(control ? 2 : -1);
            assertThat(KubernetesSyntax.controlCharacterOrLineBreak("ab" + c)).as("U+%04X", (int) c)
                    .isEqualTo(c < 0x20 || c >= 0x7f ? 2 : -1);
        }
        assertThat(KubernetesSyntax.controlCharacter("é日本\ud83d\ude00")).isEqualTo(-1);
    }
}
