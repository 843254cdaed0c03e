package org.jdive.core.cpu;
import org.jdive.core.backend.PoolSpec;
final class PoolKernels {
  static void maxForward(PoolSpec s, float[] x, float[] y){ pool(s,x,null,y,null,true);}
  static void maxBackward(PoolSpec s, float[] x, float[] dy, float[] dx){ java.util.Arrays.fill(dx,0,s.inputSize(),0f); pool(s,x,dy,null,dx,true);}
  static void avgForward(PoolSpec s, float[] x, float[] y){ pool(s,x,null,y,null,false);}
  static void avgBackward(PoolSpec s, float[] dy, float[] dx){ java.util.Arrays.fill(dx,0,s.inputSize(),0f); pool(s,null,dy,null,dx,false);}
  static void pool(PoolSpec s, float[] x, float[] dy, float[] y, float[] dx, boolean max){
    int H=s.inHeight(),W=s.inWidth(),OH=s.outHeight(),OW=s.outWidth();
    for(int nc=0;nc<s.batch()*s.channels();nc++)for(int oh=0;oh<OH;oh++)for(int ow=0;ow<OW;ow++){
      float best=Float.NEGATIVE_INFINITY;int bi=-1;double sum=0; int oi=(nc*OH+oh)*OW+ow;
      for(int kh=0;kh<s.kernelHeight();kh++)for(int kw=0;kw<s.kernelWidth();kw++){int ih=oh*s.strideHeight()-s.padHeight()+kh, iw=ow*s.strideWidth()-s.padWidth()+kw; if(ih<0||iw<0||ih>=H||iw>=W)continue; int ii=(nc*H+ih)*W+iw;
        if(max){ if(x[ii]>best){best=x[ii];bi=ii;} } else { if(dx!=null) dx[ii]+=dy[oi]/(s.kernelHeight()*s.kernelWidth()); else sum+=x[ii]; } }
      if(max){ if(dx!=null) dx[bi]+=dy[oi]; else y[oi]=best; } else if(dx==null) y[oi]=(float)(sum/(s.kernelHeight()*s.kernelWidth()));
    }
  }
}
