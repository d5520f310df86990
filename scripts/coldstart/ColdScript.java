import io.github.ndarray.*;

/** The cold-start script of scripts/coldstart/run.sh: each step's first call, run once. */
public class ColdScript {
    public static void main(String[] args) {
        NDArray x = ND.random(0).random(1000, 3);                       // create
        NDArray d = x.reshape(1000, 1, 3).sub(x.reshape(1, 1000, 3));  // broadcast
        NDArray dist = d.mul(d).sum(-1);                               // reduce
        NDArray g = x.matmul(x.T());                                    // matmul
        System.out.println(dist.mean().item() + " " + g.sum().item());  // print
    }
}
