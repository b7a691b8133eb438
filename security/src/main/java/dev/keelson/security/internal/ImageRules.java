package dev.keelson.security.internal;

import dev.keelson.core.Environment;
import dev.keelson.core.Image;
import dev.keelson.security.ImagePolicy;
import dev.keelson.security.SecurityRule;
import dev.keelson.security.internal.PolicyIndex.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.List;

/** SEC-IMG-002, 004 and 005: the ImagePolicy's registries, digests and pull Secret, on every container. Internal. */
final class ImageRules {

    private ImageRules() {
    }

    static void check(Workload w, ImagePolicy images, Environment env, Findings out) {
        PodSpec spec = w.spec();
        String p = w.prefix();
        List<Container> all = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (Container c : list(spec.getInitContainers())) {
            all.add(c);
            kinds.add("initContainers");
        }
        for (Container c : list(spec.getContainers())) {
            all.add(c);
            kinds.add("containers");
        }
        boolean digests = images.digestStages().contains(env.stage());
        for (int i = 0; i < all.size(); i++) {
            Container c = all.get(i);
            String ref = c.getImage() == null ? "" : c.getImage();
            String cp = p + "." + kinds.get(i) + "[" + c.getName() + "].image";
            String what = "container '" + c.getName() + "'";
            if (!images.allows(ref)) {
                out.add(SecurityRule.IMG_004, w.object(), cp, what + " uses image '" + ref + "', which is not from "
                                + String.join(", ", images.registries()),
                        "push the image to " + images.registries().get(0) + " and use it from there, e.g. '"
                                + images.registries().get(0) + "/" + lastPart(ref) + "', or add its registry to "
                                + "ImagePolicy.registries(...)");
            }
            Image image = Image.parse(ref);
            if (digests && !image.pinned()) {
                out.add(SecurityRule.IMG_002, w.object(), cp, "in " + env.name() + " (" + env.stage().name().toLowerCase(java.util.Locale.ROOT)
                                + ") " + what + " uses image '" + ref + "', a tag that can be moved to other code; "
                                + "images here must be pinned by digest",
                        "pin it: image(\"" + image.repository() + (image.tag().map(t -> ":" + t).orElse(""))
                                + "@sha256:<digest>\") (crane digest " + ref + " prints the digest)");
            }
        }
        String secret = images.pullSecretName();
        if (secret != null && list(spec.getImagePullSecrets()).stream().map(LocalObjectReference::getName)
                .noneMatch(secret::equals)) {
            out.add(SecurityRule.IMG_005, w.object(), p + ".imagePullSecrets", "the pod does not pull with the Secret '"
                    + secret + "' the ImagePolicy names", "add imagePullSecrets: [{name: " + secret + "}] (tiers get it)");
        }
    }

    private static String lastPart(String ref) {
        int slash = ref.lastIndexOf('/');
        return slash < 0 ? ref : ref.substring(slash + 1);
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }
}
