package org.nbparity.harness.backend;

import org.testcontainers.images.ImagePullPolicy;
import org.testcontainers.utility.DockerImageName;

/**
 * Testcontainers pull policy that never pulls. The project's machines reach no registry: a missing
 * image must fail at once ("No such image") instead of retrying a pull for two minutes.
 */
public final class NeverPullPolicy implements ImagePullPolicy {
    @Override
    public boolean shouldPull(DockerImageName imageName) {
        return false;
    }
}
