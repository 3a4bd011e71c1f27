// Standalone kernel-variant timing used to choose the kernels (docs/benchmarks.md).
// Run: javac Exp.java && java Exp 50   (argument: d; prints nominal GFLOP/s = 2·n·d² per step / time)
import java.util.*;
public class Exp {
    static final int T = Integer.getInteger("T", 64);
    // E0: row-wise current
    static void e0(double[] x, int rows, int d, double[] mean, double[] u, double[] out, double[] scratch) {
        int yBase = T * d;
        for (int t0 = 0; t0 < rows; t0 += T) {
            int tn = Math.min(T, rows - t0);
            for (int i = 0; i < tn; i++) { int xo=(t0+i)*d, so=i*d; for (int a=0;a<d;a++) scratch[so+a]=x[xo+a]-mean[a]; }
            for (int i = 0; i < tn; i++) {
                int so = i*d, yo = yBase + i*d;
                for (int c=0;c<d;c++) scratch[yo+c]=0;
                for (int a=0;a<d;a++){ double da=scratch[so+a]; int ur=a*d; for(int c=a;c<d;c++) scratch[yo+c]+=da*u[ur+c]; }
                double q=0; for(int c=0;c<d;c++){double y=scratch[yo+c]; q+=y*y;}
                out[t0+i] = -0.5*q;
            }
        }
    }
    // E1: transposed
    static void e1(double[] x, int rows, int d, double[] mean, double[] u, double[] out, double[] dt, double[] y, double[] q, boolean fma) {
        for (int t0 = 0; t0 < rows; t0 += T) {
            int tn = Math.min(T, rows - t0);
            for (int i = 0; i < tn; i++) { int xo=(t0+i)*d; for (int a=0;a<d;a++) dt[a*T+i]=x[xo+a]-mean[a]; }
            Arrays.fill(q, 0, tn, 0.0);
            for (int c = 0; c < d; c++) {
                Arrays.fill(y, 0, tn, 0.0);
                int a = 0;
                for (; a + 3 <= c; a += 4) {
                    double u0=u[a*d+c], u1=u[(a+1)*d+c], u2=u[(a+2)*d+c], u3=u[(a+3)*d+c];
                    int o0=a*T, o1=o0+T, o2=o1+T, o3=o2+T;
                    if (fma) for (int i=0;i<tn;i++) y[i] = Math.fma(u3, dt[o3+i], Math.fma(u2, dt[o2+i], Math.fma(u1, dt[o1+i], Math.fma(u0, dt[o0+i], y[i]))));
                    else for (int i=0;i<tn;i++) y[i] += u0*dt[o0+i] + u1*dt[o1+i] + u2*dt[o2+i] + u3*dt[o3+i];
                }
                for (; a <= c; a++) { double ua=u[a*d+c]; int o=a*T; for (int i=0;i<tn;i++) y[i] += ua*dt[o+i]; }
                for (int i=0;i<tn;i++) q[i] += y[i]*y[i];
            }
            for (int i=0;i<tn;i++) out[t0+i] = -0.5*q[i];
        }
    }
    // M0: row-wise current
    static void m0(double[] x, int rows, int d, double[] r, double[] shift, double[] s1, double[] s2, double[] sc) {
        for (int i=0;i<rows;i++){ double ri=r[i]; int xo=i*d; for(int a=0;a<d;a++){double dl=x[xo+a]-shift[a]; sc[a]=dl; s1[a]+=ri*dl;}
            for(int a=0;a<d;a++){double ra=ri*sc[a]; int row=a*d; for(int b=a;b<d;b++) s2[row+b]+=ra*sc[b];}}
    }
    // M1: row-major tile diff, 4-row blocked outer products
    static void m1(double[] x, int rows, int d, double[] r, double[] shift, double[] s1, double[] s2, double[] dm, double[] rd, boolean full) {
        for (int t0=0;t0<rows;t0+=T){ int tn=Math.min(T,rows-t0);
            for (int i=0;i<tn;i++){ double ri=r[t0+i]; int xo=(t0+i)*d, o=i*d; for(int a=0;a<d;a++){double dl=x[xo+a]-shift[a]; dm[o+a]=dl; rd[o+a]=ri*dl; s1[a]+=ri*dl;}}
            int i=0;
            for (; i+3<tn; i+=4){ int o0=i*d,o1=o0+d,o2=o1+d,o3=o2+d;
                for (int a=0;a<d;a++){ double w0=rd[o0+a],w1=rd[o1+a],w2=rd[o2+a],w3=rd[o3+a]; int row=a*d; int b0 = full?0:a;
                    for(int b=b0;b<d;b++) s2[row+b]+=w0*dm[o0+b]+w1*dm[o1+b]+w2*dm[o2+b]+w3*dm[o3+b]; } }
            for (; i<tn;i++){ int o=i*d; for(int a=0;a<d;a++){double w=rd[o+a]; int row=a*d; int b0=full?0:a; for(int b=b0;b<d;b++) s2[row+b]+=w*dm[o+b];}}
        }
    }
    // M2: transposed, dot products
    static void m2(double[] x, int rows, int d, double[] r, double[] shift, double[] s1, double[] s2, double[] dt, double[] rdt) {
        for (int t0=0;t0<rows;t0+=T){ int tn=Math.min(T,rows-t0);
            for (int i=0;i<tn;i++){ double ri=r[t0+i]; int xo=(t0+i)*d; for(int a=0;a<d;a++){double dl=x[xo+a]-shift[a]; dt[a*T+i]=dl; rdt[a*T+i]=ri*dl;}}
            for (int a=0;a<d;a++){ int oa=a*T; for (int b=a;b<d;b++){ int ob=b*T; double s=0; for(int i=0;i<tn;i++) s+=rdt[oa+i]*dt[ob+i]; s2[a*d+b]+=s; } }
        }
    }
    // M3: transposed, 2x2 register blocked dot products with 2 partial sums
    static void m3(double[] x, int rows, int d, double[] r, double[] shift, double[] s1, double[] s2, double[] dt, double[] rdt) {
        for (int t0=0;t0<rows;t0+=T){ int tn=Math.min(T,rows-t0);
            for (int i=0;i<tn;i++){ double ri=r[t0+i]; int xo=(t0+i)*d; for(int a=0;a<d;a++){double dl=x[xo+a]-shift[a]; dt[a*T+i]=dl; rdt[a*T+i]=ri*dl;}}
            for (int a=0;a<d;a+=2){ int a1=Math.min(a+1,d-1); int oa=a*T, oa1=a1*T;
                for (int b=a;b<d;b+=2){ int b1=Math.min(b+1,d-1); int ob=b*T, ob1=b1*T;
                    double s00=0,s01=0,s10=0,s11=0;
                    for(int i=0;i<tn;i++){ double ra=rdt[oa+i], ra1=rdt[oa1+i], db=dt[ob+i], db1=dt[ob1+i]; s00+=ra*db; s01+=ra*db1; s10+=ra1*db; s11+=ra1*db1; }
                    s2[a*d+b]+=s00; if (b1!=b) s2[a*d+b1]+=s01; if (a1!=a) { s2[a1*d+b]+=s10; if (b1!=b) s2[a1*d+b1]+=s11; }
                } }
        }
    }

    // E3: scalar 4x4 register block, D row-major padded (T x d4), U padded (d x d4)
    static void e3(double[] x, int rows, int d, double[] mean, double[] u, double[] out, double[] dm, double[] up, double[] q) {
        int d4 = (d + 3) & ~3;
        for (int a=0;a<d;a++){ for(int c=0;c<d4;c++) up[a*d4+c] = c<d ? u[a*d+c] : 0.0; }
        for (int t0 = 0; t0 < rows; t0 += T) {
            int tn = Math.min(T, rows - t0); int tn4 = (tn+3)&~3;
            for (int i = 0; i < tn; i++) { int xo=(t0+i)*d, o=i*d4; for (int a=0;a<d;a++) dm[o+a]=x[xo+a]-mean[a]; for(int a=d;a<d4;a++) dm[o+a]=0; }
            for (int i = tn; i < tn4; i++) Arrays.fill(dm, i*d4, (i+1)*d4, 0.0);
            for (int i = 0; i < tn4; i += 4) {
                int o0=i*d4, o1=o0+d4, o2=o1+d4, o3=o2+d4;
                double q0=0,q1=0,q2=0,q3=0;
                for (int c = 0; c < d4; c += 4) {
                    double a00=0,a01=0,a02=0,a03=0,a10=0,a11=0,a12=0,a13=0,a20=0,a21=0,a22=0,a23=0,a30=0,a31=0,a32=0,a33=0;
                    int aEnd = Math.min(c + 4, d);
                    for (int a = 0; a < aEnd; a++) {
                        int ur = a*d4 + c;
                        double u0=up[ur],u1=up[ur+1],u2=up[ur+2],u3=up[ur+3];
                        double x0=dm[o0+a],x1=dm[o1+a],x2=dm[o2+a],x3=dm[o3+a];
                        a00+=x0*u0; a01+=x0*u1; a02+=x0*u2; a03+=x0*u3;
                        a10+=x1*u0; a11+=x1*u1; a12+=x1*u2; a13+=x1*u3;
                        a20+=x2*u0; a21+=x2*u1; a22+=x2*u2; a23+=x2*u3;
                        a30+=x3*u0; a31+=x3*u1; a32+=x3*u2; a33+=x3*u3;
                    }
                    q0+=a00*a00+a01*a01+a02*a02+a03*a03; q1+=a10*a10+a11*a11+a12*a12+a13*a13;
                    q2+=a20*a20+a21*a21+a22*a22+a23*a23; q3+=a30*a30+a31*a31+a32*a32+a33*a33;
                }
                q[i]=q0;q[i+1]=q1;q[i+2]=q2;q[i+3]=q3;
            }
            for (int i=0;i<tn;i++) out[t0+i] = -0.5*q[i];
        }
    }
    // M4: scalar 4x4 register block, rows R and D row-major padded (T x d4)
    static void m4(double[] x, int rows, int d, double[] r, double[] shift, double[] s1, double[] s2, double[] dm, double[] rm) {
        int d4 = (d + 3) & ~3;
        for (int t0=0;t0<rows;t0+=T){ int tn=Math.min(T,rows-t0);
            for (int i=0;i<tn;i++){ double ri=r[t0+i]; int xo=(t0+i)*d, o=i*d4; for(int a=0;a<d;a++){double dl=x[xo+a]-shift[a]; dm[o+a]=dl; rm[o+a]=ri*dl; s1[a]+=ri*dl;} for(int a=d;a<d4;a++){dm[o+a]=0;rm[o+a]=0;}}
            for (int a=0;a<d4;a+=4) for (int b=a;b<d4;b+=4){
                double a00=0,a01=0,a02=0,a03=0,a10=0,a11=0,a12=0,a13=0,a20=0,a21=0,a22=0,a23=0,a30=0,a31=0,a32=0,a33=0;
                for (int i=0;i<tn;i++){ int o=i*d4;
                    double r0=rm[o+a],r1=rm[o+a+1],r2=rm[o+a+2],r3=rm[o+a+3];
                    double y0=dm[o+b],y1=dm[o+b+1],y2=dm[o+b+2],y3=dm[o+b+3];
                    a00+=r0*y0; a01+=r0*y1; a02+=r0*y2; a03+=r0*y3;
                    a10+=r1*y0; a11+=r1*y1; a12+=r1*y2; a13+=r1*y3;
                    a20+=r2*y0; a21+=r2*y1; a22+=r2*y2; a23+=r2*y3;
                    a30+=r3*y0; a31+=r3*y1; a32+=r3*y2; a33+=r3*y3;
                }
                double[] acc={a00,a01,a02,a03,a10,a11,a12,a13,a20,a21,a22,a23,a30,a31,a32,a33};
                for (int p=0;p<4;p++) for(int s=0;s<4;s++){ int aa=a+p, bb=b+s; if (aa<d && bb<d && bb>=aa) s2[aa*d+bb]+=acc[p*4+s]; }
            }
        }
    }
    public static void main(String[] args) {
        int d = Integer.parseInt(args[0]); int n = 2048*8;
        Random rng = new Random(1);
        double[] x = new double[n*d]; for (int i=0;i<x.length;i++) x[i]=rng.nextGaussian();
        double[] mean = new double[d]; double[] u = new double[d*d];
        for (int a=0;a<d;a++){ mean[a]=rng.nextGaussian()*0.1; for(int c=a;c<d;c++) u[a*d+c]= (a==c?1:0.1*rng.nextGaussian()); }
        double[] r = new double[n]; for(int i=0;i<n;i++) r[i]=rng.nextDouble();
        double[] out = new double[n], out2=new double[n];
        double[] sc = new double[2*T*d+d], dt=new double[T*d], y=new double[T], q=new double[T], rd=new double[T*d];
        double[] up=new double[d*(d+4)]; dt=new double[T*(d+4)]; rd=new double[T*(d+4)]; double[] s1=new double[d], s2=new double[d*d];
        double flops = 2.0*n*d*d; // sklearn nominal per step
        String[] names = {"E0-rowwise","E1-transposed","E2-transposed-fma","M0-rowwise","M1-rowblock4","M1-full","M2-dots","M3-dots2x2","E3-scalar4x4","M4-scalar4x4"};
        for (int rep=0; rep<4; rep++) {
            for (int v=0; v<names.length; v++) {
                int reps = 30;
                long t=System.nanoTime();
                for (int k=0;k<reps;k++) switch(v){
                    case 0: e0(x,n,d,mean,u,out,sc); break;
                    case 1: e1(x,n,d,mean,u,out2,dt,y,q,false); break;
                    case 2: e1(x,n,d,mean,u,out2,dt,y,q,true); break;
                    case 3: m0(x,n,d,r,mean,s1,s2,sc); break;
                    case 4: m1(x,n,d,r,mean,s1,s2,dt,rd,false); break;
                    case 5: m1(x,n,d,r,mean,s1,s2,dt,rd,true); break;
                    case 6: m2(x,n,d,r,mean,s1,s2,dt,rd); break;
                    case 7: m3(x,n,d,r,mean,s1,s2,dt,rd); break;
                    case 8: e3(x,n,d,mean,u,out2,dt,up,q); break;
                    case 9: m4(x,n,d,r,mean,s1,s2,dt,rd); break;
                }
                double s=(System.nanoTime()-t)*1e-9/reps;
                if (rep==3) System.out.printf("d=%d %-20s %7.2f nominal GFLOP/s%n", d, names[v], flops/s/1e9);
            }
        }
        double md=0; for(int i=0;i<n;i++) md=Math.max(md,Math.abs(out[i]-out2[i])/Math.abs(out[i])); System.out.println("E max rel diff "+md);
    }
}
