// The same E/M micro-kernels written with jdk.incubator.vector (JDK 17), for comparison only.
// Run: javac --add-modules jdk.incubator.vector VExp.java && java --add-modules jdk.incubator.vector VExp 50
import jdk.incubator.vector.*;
import java.util.*;
public class VExp {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int T = 64;
    // E: D row-major (T x d), U padded (d x dL), Y = D U, q_i = |Y_i|^2 ; 4 rows x 1 vector of c
    static void ev(double[] x, int rows, int d, double[] mean, double[] u, double[] out, double[] dm, double[] up, double[] q) {
        int dL = (d + L - 1) / L * L;
        for (int a=0;a<d;a++) for(int c=0;c<dL;c++) up[a*dL+c] = c<d ? u[a*d+c] : 0.0;
        for (int t0=0;t0<rows;t0+=T){ int tn=Math.min(T,rows-t0); int tn4=(tn+3)&~3;
            for (int i=0;i<tn;i++){ int xo=(t0+i)*d, o=i*d; for(int a=0;a<d;a++) dm[o+a]=x[xo+a]-mean[a]; }
            for (int i=tn;i<tn4;i++) Arrays.fill(dm,i*d,(i+1)*d,0.0);
            for (int i=0;i<tn4;i+=4){ int o0=i*d,o1=o0+d,o2=o1+d,o3=o2+d;
                DoubleVector qv0=DoubleVector.zero(S),qv1=qv0,qv2=qv0,qv3=qv0;
                for (int c=0;c<dL;c+=L){ int aEnd=Math.min(c+L,d);
                    DoubleVector y0=DoubleVector.zero(S),y1=y0,y2=y0,y3=y0;
                    for (int a=0;a<aEnd;a++){ DoubleVector uv=DoubleVector.fromArray(S,up,a*dL+c);
                        y0=uv.fma(DoubleVector.broadcast(S,dm[o0+a]),y0); y1=uv.fma(DoubleVector.broadcast(S,dm[o1+a]),y1); y2=uv.fma(DoubleVector.broadcast(S,dm[o2+a]),y2); y3=uv.fma(DoubleVector.broadcast(S,dm[o3+a]),y3); }
                    qv0=y0.fma(y0,qv0); qv1=y1.fma(y1,qv1); qv2=y2.fma(y2,qv2); qv3=y3.fma(y3,qv3);
                }
                q[i]=qv0.reduceLanes(VectorOperators.ADD); q[i+1]=qv1.reduceLanes(VectorOperators.ADD); q[i+2]=qv2.reduceLanes(VectorOperators.ADD); q[i+3]=qv3.reduceLanes(VectorOperators.ADD);
            }
            for (int i=0;i<tn;i++) out[t0+i]=-0.5*q[i];
        }
    }
    // M: S2[a][b..] += sum_i R[i][a] D[i][b..]; 4 a's x 1 vector of b
    static void mv(double[] x, int rows, int d, double[] r, double[] shift, double[] s1, double[] s2p, double[] dm, double[] rm) {
        int dL = (d + L - 1) / L * L;
        for (int t0=0;t0<rows;t0+=T){ int tn=Math.min(T,rows-t0);
            for (int i=0;i<tn;i++){ double ri=r[t0+i]; int xo=(t0+i)*d, o=i*dL; for(int a=0;a<d;a++){double dl=x[xo+a]-shift[a]; dm[o+a]=dl; rm[o+a]=ri*dl; s1[a]+=ri*dl;} for(int a=d;a<dL;a++){dm[o+a]=0;rm[o+a]=0;} }
            for (int a=0;a<d;a+=4){ int a1=Math.min(a+1,d-1),a2=Math.min(a+2,d-1),a3=Math.min(a+3,d-1);
                for (int b=(a/L)*L;b<dL;b+=L){
                    DoubleVector c0=DoubleVector.zero(S),c1=c0,c2=c0,c3=c0;
                    for (int i=0;i<tn;i++){ int o=i*dL; DoubleVector dv=DoubleVector.fromArray(S,dm,o+b);
                        c0=dv.fma(DoubleVector.broadcast(S,rm[o+a]),c0); c1=dv.fma(DoubleVector.broadcast(S,rm[o+a1]),c1); c2=dv.fma(DoubleVector.broadcast(S,rm[o+a2]),c2); c3=dv.fma(DoubleVector.broadcast(S,rm[o+a3]),c3); }
                    // s2p padded d x dL
                    c0.add(DoubleVector.fromArray(S,s2p,a*dL+b)).intoArray(s2p,a*dL+b);
                    if (a1!=a) c1.add(DoubleVector.fromArray(S,s2p,a1*dL+b)).intoArray(s2p,a1*dL+b);
                    if (a2!=a1) c2.add(DoubleVector.fromArray(S,s2p,a2*dL+b)).intoArray(s2p,a2*dL+b);
                    if (a3!=a2) c3.add(DoubleVector.fromArray(S,s2p,a3*dL+b)).intoArray(s2p,a3*dL+b);
                } }
        }
    }
    public static void main(String[] args){
        int d=Integer.parseInt(args[0]); int n=2048*8; Random rng=new Random(1);
        double[] x=new double[n*d]; for(int i=0;i<x.length;i++) x[i]=rng.nextGaussian();
        double[] mean=new double[d], u=new double[d*d];
        for(int a=0;a<d;a++){mean[a]=rng.nextGaussian()*0.1; for(int c=a;c<d;c++) u[a*d+c]=(a==c?1:0.1*rng.nextGaussian());}
        double[] r=new double[n]; for(int i=0;i<n;i++) r[i]=rng.nextDouble();
        int dL=(d+L-1)/L*L;
        double[] out=new double[n], dm=new double[T*dL], rm=new double[T*dL], up=new double[d*dL], q=new double[T], s1=new double[d], s2=new double[d*dL];
        double flops=2.0*n*d*d;
        for (int rep=0;rep<4;rep++){
            long t=System.nanoTime(); for(int k=0;k<30;k++) ev(x,n,d,mean,u,out,dm,up,q); double s=(System.nanoTime()-t)*1e-9/30;
            long t2=System.nanoTime(); for(int k=0;k<30;k++) mv(x,n,d,r,mean,s1,s2,dm,rm); double s2t=(System.nanoTime()-t2)*1e-9/30;
            if(rep==3) System.out.printf("d=%d L=%d Evec %.2f  Mvec %.2f nominal GFLOP/s%n", d, L, flops/s/1e9, flops/s2t/1e9);
        }
    }
}
